package kr.aifellows.portal.review.assignment;

import java.time.Instant;

/**
 * An assignment as the chair sees it.
 */
public record AssignmentView(long id, long callId, long applicationId, long reviewerId, AssignmentState state,
		boolean pinned, boolean automatic, String note, double affinity, Instant createdAt, Instant updatedAt) {
}
