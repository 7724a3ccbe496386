package kr.aifellows.portal.gpu;

import java.time.Instant;

/**
 * One line of a fellow's append-only ledger.
 *
 * @param kind GRANT, HOLD, CHARGE, RELEASE, EXPIRE or ADJUST
 * @param gpuSeconds the amount the entry is about
 * @param balanceDelta its effect on the available balance
 * @param heldDelta its effect on what is held
 * @param availableAfter the available balance after this entry
 * @param jobId the job it concerns, or null
 * @param allocationId the allocation it concerns, or null
 */
public record LedgerEntry(long id, long accountId, Kind kind, long gpuSeconds, long balanceDelta, long heldDelta,
		long availableAfter, Long jobId, Long allocationId, String reason, String actor, Instant recordedAt) {

	/** What happened. */
	public enum Kind {

		GRANT, HOLD, CHARGE, RELEASE, EXPIRE, ADJUST

	}

}
