package kr.aifellows.portal.fellows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.gpu.GpuAllocations;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives the demo fellow 100 GPU hours (once) so that the job pages have something to
 * spend.
 */
@Component
@Profile("demo")
class DemoGpuGrant {

	static final String FELLOW = "fellow@demo.aifellows.kr";

	private final AccountManagement accounts;

	private final GpuAllocations allocations;

	private final Clock clock;

	DemoGpuGrant(AccountManagement accounts, GpuAllocations allocations, Clock clock) {
		this.accounts = accounts;
		this.allocations = allocations;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(20)
	public void grant() {
		accounts.findByEmail(FELLOW).ifPresent(fellow -> {
			Instant now = clock.instant();
			allocations.grant(fellow.id(), 100 * 3600L, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)),
					"DEMO", "demo-fellow", "demo");
		});
	}

}
