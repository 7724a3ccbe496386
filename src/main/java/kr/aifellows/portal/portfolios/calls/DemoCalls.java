package kr.aifellows.portal.portfolios.calls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.OpenSourceWork;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.shared.ResearchArea;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds one open call in the demo profile, once, with one submitted application.
 */
@Component
// fully qualified: this package has its own Profile (the applicant's)
@org.springframework.context.annotation.Profile("demo")
class DemoCalls {

	static final String DEMO_TITLE = "2027년 AI 국가대표 펠로십 1기 모집";

	private final CallRepository calls;

	private final Portfolios portfolios;

	private final AccountManagement accounts;

	private final Clock clock;

	DemoCalls(CallRepository calls, Portfolios portfolios, AccountManagement accounts, Clock clock) {
		this.calls = calls;
		this.portfolios = portfolios;
		this.accounts = accounts;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(10)
	@Transactional
	public void seed() {
		// Its own call, not an empty table, decides: the demo may start on a database
		// with other calls.
		if (calls.existsByTitleKo(DEMO_TITLE)) {
			return;
		}
		Instant now = Instant.now(clock);
		List<Criterion> rubric = List.of(
				new Criterion("연구 역량", "Research excellence", new BigDecimal("0.4"), 1, 5, "논문·오픈소스로 드러난 연구 역량",
						"Excellence shown by publications and open-source work"),
				new Criterion("제안의 독창성", "Originality of the proposal", new BigDecimal("0.3"), 1, 5, "문제 설정과 접근의 새로움",
						"Novelty of the problem and the approach"),
				new Criterion("GPU 활용 계획", "GPU usage plan", new BigDecimal("0.3"), 1, 5, "요청한 GPU 시간의 타당성",
						"Whether the requested GPU hours are justified"));
		Call call = calls.save(new Call(new CallDefinition(DEMO_TITLE, "2027 AI National Team Fellowship, Cohort 1",
				"초거대 AI 연구를 이끌 국가대표 연구자를 모집합니다. 선정된 펠로에게는 18,000 GPU 클러스터의 GPU 시간을 지원합니다.",
				"We recruit the researchers who will lead frontier AI research. Selected fellows receive GPU hours "
						+ "on the national 18,000-GPU cluster.",
				now.minus(Duration.ofDays(7)), now.plus(Duration.ofDays(30)), 50, 2_000_000, 3, true, rubric),
				"system"));
		accounts.findByEmail("applicant2@demo.aifellows.kr")
			.ifPresent(applicant -> submitDemoApplication(call, applicant));
	}

	/**
	 * One submitted application, so that the chair's pages and exports show something
	 * real.
	 */
	private void submitDemoApplication(Call call, AccountView applicant) {
		ApplicationView draft = portfolios.startOrResume(call.id(),
				new Portfolios.Applicant(applicant.id(), applicant.email(), "강지원"));
		portfolios.saveProfile(draft.id(), applicant.id(),
				new Profile("강지원", "Jiwon Kang", "0000-0002-1825-0097",
						Set.of(ResearchArea.NLP, ResearchArea.AI_SAFETY),
						List.of(new Affiliation("서울대학교 Seoul National University", "박사후연구원", 2024, null),
								new Affiliation("KAIST", "PhD", 2019, 2024))));
		portfolios.addPublication(draft.id(), applicant.id(),
				Publication.of("Aligning Korean Language Models with " + "Reinforcement Learning from Human Feedback",
						"ACL", 2025, List.of("Jiwon Kang", "Minsu Lee"), null, "2502.01234"));
		portfolios.addOpenSource(draft.id(), applicant.id(),
				new OpenSourceWork("https://github.com/jiwon-kang/ko-rlhf", "maintainer", "한국어 RLHF 학습 파이프라인과 평가 도구."));
		portfolios.saveProposal(draft.id(), applicant.id(),
				new Proposal("강화학습 기반 한국어 대형 언어 모델 정렬", "한국어 모델을 사람의 선호에 맞게 정렬하는 강화학습 방법을 연구합니다.",
						"1단계: 선호 데이터 수집. 2단계: 보상 모델 학습. 3단계: 정책 최적화와 안전성 평가.", 20_000L, "H100 64장으로 13일 학습, 평가 포함"));
		portfolios.uploadFile(draft.id(), applicant.id(), FileKind.CV, "cv-jiwon-kang.pdf",
				demoPdf("Jiwon Kang - Curriculum Vitae"));
		portfolios.submit(draft.id(), applicant.id(), Instant.now(clock), Locale.KOREAN);
	}

	private static byte[] demoPdf(String text) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
				content.newLineAtOffset(72, 700);
				content.showText(text);
				content.endText();
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
