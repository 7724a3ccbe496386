package kr.aifellows.portal.portfolios;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds one open call in the demo profile, once.
 */
@Component
@Profile("demo")
class DemoCalls {

	private final CallRepository calls;

	private final Clock clock;

	DemoCalls(CallRepository calls, Clock clock) {
		this.calls = calls;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(10)
	@Transactional
	public void seed() {
		if (calls.count() > 0) {
			return;
		}
		Instant now = Instant.now(clock);
		List<Criterion> rubric = List.of(
				new Criterion("연구 역량", "Research excellence", new BigDecimal("0.4"), 1, 5,
						"논문·오픈소스로 드러난 연구 역량", "Excellence shown by publications and open-source work"),
				new Criterion("제안의 독창성", "Originality of the proposal", new BigDecimal("0.3"), 1, 5,
						"문제 설정과 접근의 새로움", "Novelty of the problem and the approach"),
				new Criterion("GPU 활용 계획", "GPU usage plan", new BigDecimal("0.3"), 1, 5,
						"요청한 GPU 시간의 타당성", "Whether the requested GPU hours are justified"));
		calls.save(new Call(new CallDefinition("2027년 AI 국가대표 펠로십 1기 모집", "2027 AI National Team Fellowship, Cohort 1",
				"초거대 AI 연구를 이끌 국가대표 연구자를 모집합니다. 선정된 펠로에게는 18,000 GPU 클러스터의 GPU 시간을 지원합니다.",
				"We recruit the researchers who will lead frontier AI research. Selected fellows receive GPU hours "
						+ "on the national 18,000-GPU cluster.",
				now.minus(Duration.ofDays(7)), now.plus(Duration.ofDays(30)), 50, 2_000_000, 3, true, rubric),
				"system"));
	}
}
