package kr.aifellows.portal.fellows;

import java.time.Instant;

/**
 * A fellow's request for more GPU hours and the chair's decision on it.
 */
public record TopUpRequest(long id, long accountId, String email, int gpuHours, String justification, Status status,
		Instant createdAt, Instant decidedAt, String decidedBy, String decisionReason) {

	/** Where the request stands. */
	public enum Status {

		PENDING, APPROVED, REJECTED

	}

}
