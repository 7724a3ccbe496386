package kr.aifellows.portal.review.decisions;

import java.util.List;

/**
 * A call's score sheet, ready to be written out: applications with raw and calibrated
 * scores and decisions, individual reviews, reviewer statistics. In the anonymised
 * variant names and e-mail addresses are left out (null) and reviewers are "R1", "R2",
 * ... The lines are iterables so that a writer can stream them.
 *
 * @param criteria the rubric's criterion names, in the order of each review's scores
 */
public record ScoreSheet(long callId, boolean anonymised, List<String> criteria, Iterable<ApplicationLine> applications,
		Iterable<ReviewLine> reviews, Iterable<ReviewerLine> reviewers) {

	/**
	 * One application with its scores and decision; numbers are null where there is no
	 * value yet.
	 */
	public record ApplicationLine(long applicationId, String receipt, String name, String email, String title,
			int reviews, Double raw, Double calibrated, Double lower, Double upper, Double percentile,
			Double disagreement, String decision, Long gpuHours) {
	}

	/**
	 * One review.
	 */
	public record ReviewLine(long applicationId, String reviewer, boolean submitted, List<Integer> scores,
			Double weighted, Integer confidence, String commentsToApplicant, String confidentialComments) {
	}

	/**
	 * One reviewer's statistics over the submitted reviews.
	 */
	public record ReviewerLine(String reviewer, int reviews, Double mean, Double leniency) {
	}
}
