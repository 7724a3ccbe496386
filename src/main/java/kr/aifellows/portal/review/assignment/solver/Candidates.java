package kr.aifellows.portal.review.assignment.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

// The arcs of the (possibly restricted) graph: per application, the reviewers it may get in the
// flow with their affinities, and the affinity above which every eligible pair is an arc.
final class Candidates {

	private static final int[] NONE = new int[0];

	private final AssignmentProblem problem;

	private final Pins pins;

	private final boolean parallel;

	private final int n;

	private final int r;

	private final int k;

	private int[][] reviewers;

	private double[][] affinities;

	// Per application, the affinity above which every eligible pair is an arc (-infinity
	// when all are):
	// it bounds the cost of every left-out pair, which lets pricing skip most
	// applications.
	private double[] leftOutBelow;

	private double maxAffinity;

	private double minAffinity;

	Candidates(AssignmentProblem problem, Pins pins, boolean parallel) {
		this.problem = problem;
		this.pins = pins;
		this.parallel = parallel;
		this.n = problem.applications();
		this.r = problem.reviewers();
		this.k = problem.reviewsPerApplication();
	}

	// Conflicts are looked up only for pairs good enough to keep: most pairs never need
	// the lookup.
	// The first sweep (only == null) sees every eligible pair and returns the
	// applications with too
	// few of them; a later one redoes the applications marked in only.
	List<Integer> sweep(int[] perApplication, boolean[] only) {
		if (only == null) {
			reviewers = new int[n][];
			affinities = new double[n][];
			leftOutBelow = new double[n];
		}
		double[] highest = new double[n];
		double[] lowest = new double[n];
		Arrays.fill(highest, Double.NEGATIVE_INFINITY);
		Arrays.fill(lowest, Double.POSITIVE_INFINITY);
		forEach(n, i -> {
			if (only == null || only[i]) {
				sweep(i, perApplication[i], highest, lowest);
			}
		});
		if (only != null) {
			return List.of();
		}
		// The cost scale is fixed by the first sweep, which saw every eligible pair.
		maxAffinity = Arrays.stream(highest).max().orElse(0);
		minAffinity = Arrays.stream(lowest).min().orElse(0);
		List<Integer> tooFew = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (reviewers[i].length < pins.need(i)) {
				tooFew.add(i);
			}
		}
		return tooFew;
	}

	private void sweep(int i, int keep, double[] highest, double[] lowest) {
		leftOutBelow[i] = Double.NEGATIVE_INFINITY;
		if (pins.need(i) == 0) {
			reviewers[i] = NONE;
			affinities[i] = new double[0];
			return;
		}
		TopCandidates top = new TopCandidates(keep);
		double hi = Double.NEGATIVE_INFINITY;
		double lo = Double.POSITIVE_INFINITY;
		int seen = 0;
		for (int j = 0; j < r; j++) {
			if (!pins.eligible(i, j)) {
				continue;
			}
			seen++;
			double a = affinity(i, j);
			hi = Math.max(hi, a);
			lo = Math.min(lo, a);
			if (top.wouldAccept(a) && !problem.conflicts().conflicted(i, j)) {
				top.offer(j, a);
			}
		}
		reviewers[i] = top.items();
		affinities[i] = top.scores();
		if (top.full() && seen > top.count()) {
			leftOutBelow[i] = top.lowest();
		}
		highest[i] = hi;
		lowest[i] = lo;
	}

	// A reviewer with a floor gets arcs to their own best applications, not only to those
	// that rank
	// them highly, or a floor could be missed merely because of the restriction.
	void addFloorCandidates() {
		int[][] best = new int[r][];
		double[][] bestAffinity = new double[r][];
		forEach(r, j -> {
			if (pins.floorLeft(j) == 0) {
				return;
			}
			TopCandidates top = new TopCandidates(2 * pins.floorLeft(j) + k);
			for (int i = 0; i < n; i++) {
				if (pins.need(i) == 0 || pins.pinned(i, j)) {
					continue;
				}
				double a = affinity(i, j);
				if (top.wouldAccept(a) && !problem.conflicts().conflicted(i, j)) {
					top.offer(i, a);
				}
			}
			best[j] = top.items();
			bestAffinity[j] = top.scores();
		});
		addMissing(best, bestAffinity);
	}

	private void addMissing(int[][] best, double[][] bestAffinity) {
		List<List<int[]>> extra = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			extra.add(null);
		}
		for (int j = 0; j < r; j++) {
			if (best[j] == null) {
				continue;
			}
			for (int x = 0; x < best[j].length; x++) {
				int i = best[j][x];
				if (!contains(reviewers[i], j)) {
					if (extra.get(i) == null) {
						extra.set(i, new ArrayList<>());
					}
					extra.get(i).add(new int[] { j, x });
				}
			}
		}
		for (int i = 0; i < n; i++) {
			List<int[]> more = extra.get(i);
			if (more == null) {
				continue;
			}
			int[] js = new int[more.size()];
			double[] as = new double[more.size()];
			for (int e = 0; e < js.length; e++) {
				js[e] = more.get(e)[0];
				as[e] = bestAffinity[more.get(e)[0]][more.get(e)[1]];
			}
			add(i, js, as);
		}
	}

	void add(int application, int[] moreReviewers, double[] moreAffinities) {
		int base = reviewers[application].length;
		int more = moreReviewers.length;
		reviewers[application] = Arrays.copyOf(reviewers[application], base + more);
		affinities[application] = Arrays.copyOf(affinities[application], base + more);
		System.arraycopy(moreReviewers, 0, reviewers[application], base, more);
		System.arraycopy(moreAffinities, 0, affinities[application], base, more);
	}

	private static boolean contains(int[] values, int value) {
		for (int v : values) {
			if (v == value) {
				return true;
			}
		}
		return false;
	}

	double affinity(int application, int reviewer) {
		double a = problem.affinity().of(application, reviewer);
		if (!Double.isFinite(a)) {
			throw new IllegalArgumentException(
					"affinity of application " + application + " and reviewer " + reviewer + " is not finite");
		}
		return a;
	}

	void forEach(int count, IntConsumer action) {
		IntStream range = IntStream.range(0, count);
		(parallel ? range.parallel() : range).forEach(action);
	}

	int[] reviewers(int application) {
		return reviewers[application];
	}

	// In the order of reviewers(application).
	double[] affinities(int application) {
		return affinities[application];
	}

	double leftOutBelow(int application) {
		return leftOutBelow[application];
	}

	double maxAffinity() {
		return maxAffinity;
	}

	double minAffinity() {
		return minAffinity;
	}

	int arcCount() {
		int arcs = 0;
		for (int[] c : reviewers) {
			arcs += c.length;
		}
		return arcs;
	}

	// Whether every eligible pair is an arc: the graph is the full problem's.
	boolean complete() {
		for (double bound : leftOutBelow) {
			if (bound != Double.NEGATIVE_INFINITY) {
				return false;
			}
		}
		return true;
	}

}
