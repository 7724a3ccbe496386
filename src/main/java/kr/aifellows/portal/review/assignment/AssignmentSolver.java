package kr.aifellows.portal.review.assignment;

/**
 * Assigns reviewers to applications as a min-cost flow: exactly k per application, caps and
 * floors per reviewer, no conflicted pair, pinned pairs kept, total affinity maximised.
 */
public class AssignmentSolver {

	public AssignmentResult solve(AssignmentProblem problem) {
		throw new UnsupportedOperationException("implemented on branch review-solvers");
	}

}
