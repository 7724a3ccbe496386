package kr.aifellows.portal.review.scoring;

import java.time.Instant;
import java.util.List;

/**
 * A review as its author, and (after submitting their own) the other reviewers and the
 * chair, see it.
 *
 * @param weightedScore the rubric-weighted score on 0..100, once every criterion is
 * scored
 */
public record ReviewView(long id, long callId, long applicationId, long reviewerId, boolean submitted,
		List<Integer> scores, Integer confidence, String commentsToApplicant, String confidentialComments,
		Double weightedScore, Instant updatedAt, Instant submittedAt) {
}
