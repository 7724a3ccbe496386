package kr.aifellows.portal.review;

import java.time.Instant;

/**
 * A conflict of interest as the chair sees it.
 */
public record ConflictView(long id, long callId, long applicationId, long reviewerId, ConflictSource source,
		ConflictSeverity severity, String detail, Instant detectedAt, String waivedBy, String waiverReason,
		Instant waivedAt) {

	public boolean waived() {
		return waivedAt != null;
	}
}
