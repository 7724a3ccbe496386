package kr.aifellows.portal.review.assignment.solver;

import java.util.List;

/**
 * The solver's answer.
 *
 * @param feasible whether every application got exactly k reviewers within every cap
 * @param assignments the chosen pairs (all pinned pairs included); empty when infeasible
 * @param totalAffinity sum of the affinity of the chosen pairs
 * @param shortOfReviewers applications that cannot get k conflict-free reviewers within
 * the caps (the reason for infeasibility), empty when feasible
 * @param explanation a sentence for the chair when infeasible, empty otherwise
 */
public record AssignmentResult(boolean feasible, List<AssignmentProblem.Pair> assignments, double totalAffinity,
		List<Integer> shortOfReviewers, String explanation) {
}
