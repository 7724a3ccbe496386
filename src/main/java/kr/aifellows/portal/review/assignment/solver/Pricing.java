package kr.aifellows.portal.review.assignment.solver;

import java.util.Arrays;

// Prices the pairs a restricted graph left out against the flow's node potentials: left-out pairs
// with a negative reduced cost are exactly those that could improve the optimum, and they become
// arcs (each application's most improving ones first).
final class Pricing {

	private final AssignmentProblem problem;

	private final Pins pins;

	private final Candidates candidates;

	private final CandidateFlow flow;

	private final int n;

	private final int r;

	Pricing(AssignmentProblem problem, Pins pins, Candidates candidates, CandidateFlow flow) {
		this.problem = problem;
		this.pins = pins;
		this.candidates = candidates;
		this.flow = flow;
		this.n = problem.applications();
		this.r = problem.reviewers();
	}

	// How many arcs were added; none means the flow is optimal for the full problem.
	int addImproving(long[] potentials, int perApplication) {
		int[][] addReviewers = new int[n][];
		double[][] addAffinity = new double[n][];
		long highestReviewer = Long.MIN_VALUE;
		for (int j = 0; j < r; j++) {
			highestReviewer = Math.max(highestReviewer, potentials[n + j]);
		}
		long reviewerBound = highestReviewer;
		candidates.forEach(n, i -> {
			// Every left-out pair of this application costs at least
			// cost(leftOutBelow[i]), so when
			// even that cannot give a negative reduced cost there is nothing to look at.
			double leftOutBelow = candidates.leftOutBelow(i);
			if (pins.need(i) == 0 || leftOutBelow == Double.NEGATIVE_INFINITY
					|| flow.cost(leftOutBelow) + potentials[i] - reviewerBound >= 0) {
				return;
			}
			TopCandidates improving = improving(i, potentials, perApplication);
			if (improving.count() > 0) {
				int[] js = improving.items();
				double[] as = new double[js.length];
				for (int x = 0; x < js.length; x++) {
					as[x] = candidates.affinity(i, js[x]);
				}
				addReviewers[i] = js;
				addAffinity[i] = as;
			}
		});
		int added = 0;
		for (int i = 0; i < n; i++) {
			if (addReviewers[i] != null) {
				candidates.add(i, addReviewers[i], addAffinity[i]);
				added += addReviewers[i].length;
			}
		}
		return added;
	}

	private TopCandidates improving(int i, long[] potentials, int perApplication) {
		int[] present = candidates.reviewers(i).clone();
		Arrays.sort(present);
		TopCandidates improving = new TopCandidates(perApplication);
		int p = 0;
		for (int j = 0; j < r; j++) {
			while (p < present.length && present[p] < j) {
				p++;
			}
			if ((p < present.length && present[p] == j) || !pins.eligible(i, j)) {
				continue;
			}
			double a = candidates.affinity(i, j);
			long reduced = flow.cost(a) + potentials[i] - potentials[n + j];
			if (reduced < 0 && improving.wouldAccept(-reduced) && !problem.conflicts().conflicted(i, j)) {
				improving.offer(j, -reduced);
			}
		}
		return improving;
	}

}
