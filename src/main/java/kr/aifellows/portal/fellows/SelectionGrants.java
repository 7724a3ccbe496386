package kr.aifellows.portal.fellows;

import java.time.Instant;
import java.time.ZoneId;

import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.review.decisions.FellowSelected;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns a published selection into the fellow's GPU-hour grant. The grant is keyed by the
 * application, so an event delivered twice (after a crash, say) grants once.
 */
@Component
class SelectionGrants {

	static final String SOURCE = "DECISION";

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private final GpuAllocations allocations;

	SelectionGrants(GpuAllocations allocations) {
		this.allocations = allocations;
	}

	@ApplicationModuleListener
	void on(FellowSelected selection) {
		Instant from = selection.periodStart().atStartOfDay(SEOUL).toInstant();
		Instant until = selection.periodEnd().plusDays(1).atStartOfDay(SEOUL).toInstant();
		allocations.grant(selection.accountId(), selection.gpuHours() * 3600, from, until, SOURCE,
				"application-" + selection.applicationId(), "review committee (call " + selection.callId() + ")");
	}

}
