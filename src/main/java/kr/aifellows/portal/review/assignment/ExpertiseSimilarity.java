package kr.aifellows.portal.review.assignment;

import java.util.List;
import java.util.Set;

import kr.aifellows.portal.shared.ResearchArea;

/**
 * How well a reviewer's expertise fits an application, 0 (nothing in common) to 1.
 * Research-area overlap always counts; when the search module runs, the text similarity
 * of the reviewer's publications to the indexed application counts too.
 */
public interface ExpertiseSimilarity {

	double similarity(Candidate reviewer, Candidate application);

	/**
	 * The affinity of every pair, {@code [application][reviewer]}, for one assignment
	 * run; an implementation may answer it in fewer steps than pair by pair.
	 */
	default double[][] affinities(List<Candidate> applications, List<Candidate> reviewers) {
		double[][] affinity = new double[applications.size()][reviewers.size()];
		for (int i = 0; i < applications.size(); i++) {
			for (int j = 0; j < reviewers.size(); j++) {
				affinity[i][j] = similarity(reviewers.get(j), applications.get(i));
			}
		}
		return affinity;
	}

	/**
	 * One side of the comparison: its id, research areas and free text (publication
	 * titles for a reviewer; proposal title and abstract for an application).
	 */
	record Candidate(long id, Set<ResearchArea> areas, String text) {
	}

}
