package kr.aifellows.portal.review.decisions;

import java.time.Instant;

/**
 * A decision as the chair (and, once published, the applicant) sees it.
 */
public record DecisionView(long applicationId, long callId, DecisionOutcome outcome, String rationale, long gpuHours,
		String decidedBy, Instant decidedAt, Instant publishedAt) {

	public boolean published() {
		return publishedAt != null;
	}
}
