package kr.aifellows.portal.review.assignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.review.pool.Reviewer;

// An assignment run's applications and reviewers by their ids, to the solver's indexes, and the
// key of an index pair for the sets of blocked, chosen and kept pairs.
record PairIndex(Map<Long, Integer> applications, Map<Long, Integer> reviewers) {

	static PairIndex of(List<ApplicationView> inReview, List<Reviewer> panel) {
		Map<Long, Integer> applicationIndex = new HashMap<>();
		for (int i = 0; i < inReview.size(); i++) {
			applicationIndex.put(inReview.get(i).id(), i);
		}
		Map<Long, Integer> reviewerIndex = new HashMap<>();
		for (int j = 0; j < panel.size(); j++) {
			reviewerIndex.put(panel.get(j).id(), j);
		}
		return new PairIndex(applicationIndex, reviewerIndex);
	}

	static long key(int application, int reviewer) {
		return ((long) application << 32) | reviewer;
	}

	// The pair's key, or null when the application or the reviewer is not in the run.
	Long key(long applicationId, long reviewerId) {
		Integer i = applications.get(applicationId);
		Integer j = reviewers.get(reviewerId);
		return i == null || j == null ? null : key(i, j);
	}

}
