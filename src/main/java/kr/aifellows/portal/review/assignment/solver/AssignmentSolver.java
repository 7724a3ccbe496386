package kr.aifellows.portal.review.assignment.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Assigns reviewers to applications as a min-cost flow: exactly k per application, caps and
 * floors per reviewer, no conflicted pair, pinned pairs kept, total affinity maximised.
 * <p>
 * The network is application → reviewer (capacity 1, cost = affinity scaled to integers and
 * negated) → sink (capacity = the reviewer's cap), with every application supplying k; it is
 * solved exactly by OR-Tools' min-cost flow. Exactly k is a hard constraint: when no flow meets
 * it the result is infeasible and names the applications left short. A reviewer's floor is met
 * whenever k and the caps allow it: floors are first imposed as lower bounds on the reviewer's
 * flow; when they cannot all be met, the first {@code floor} places of each reviewer instead carry
 * a bonus larger than any possible difference in affinity, so the most floor places are met, then
 * affinity is maximised, and exactly k is never given up for a floor.
 * <p>
 * Large calls (more than {@link Options#fullGraphPairs()} pairs) only get each application's
 * {@link Options#candidatesPerApplication()} best reviewers as arcs. When that graph is
 * infeasible, only the applications on the short side of the minimum cut get more candidates, so
 * a truly infeasible call is proven so without building the full graph. With
 * {@link Options#certify()} the restricted optimum is then checked against every left-out pair
 * using the flow's node potentials (a pair with a negative reduced cost is added and the flow
 * solved again), so the answer is the optimum of the full problem, not an approximation.
 * <p>
 * The {@link AssignmentProblem.Affinity} and {@link AssignmentProblem.Conflicts} functions are
 * called from several threads when {@link Options#parallel()} is set; they must be safe for
 * that (pure lookups are).
 */
public class AssignmentSolver {

	// Integer cost steps across the whole affinity range: rounding moves the total by less than
	// 1e-7 of the range per pair, while costs times nodes stay far from overflowing a long.
	private static final long COST_RESOLUTION = 10_000_000L;

	private static final int MAX_PRICING_ROUNDS = 25;

	private static final int[] NONE = new int[0];

	private final Options options;

	public AssignmentSolver() {
		this(Options.defaults());
	}

	public AssignmentSolver(Options options) {
		this.options = options;
	}

	public AssignmentResult solve(AssignmentProblem problem) {
		return solveWithReport(problem).result();
	}

	/** Solves and also tells how: graph size, pricing rounds, whether the optimum is certified, unmet floors. */
	public Report solveWithReport(AssignmentProblem problem) {
		return new Run(problem).solve();
	}

	/**
	 * How the solver works at scale.
	 *
	 * @param candidatesPerApplication arcs kept per application on large calls (its best
	 * reviewers by affinity)
	 * @param maxCandidatesPerApplication how far that number is doubled when the restricted
	 * graph turns out infeasible
	 * @param fullGraphPairs calls with at most this many application-reviewer pairs get every
	 * pair as an arc
	 * @param certify on a restricted graph, price every left-out pair and add those that would
	 * improve the optimum until none would (exact optimum of the full problem)
	 * @param parallel sweep the pairs on several threads
	 */
	public record Options(int candidatesPerApplication, int maxCandidatesPerApplication, long fullGraphPairs,
			boolean certify, boolean parallel) {

		public Options {
			if (candidatesPerApplication < 1) {
				throw new IllegalArgumentException("candidatesPerApplication must be at least 1");
			}
			if (maxCandidatesPerApplication < candidatesPerApplication) {
				throw new IllegalArgumentException("maxCandidatesPerApplication must be at least candidatesPerApplication");
			}
			if (fullGraphPairs < 0) {
				throw new IllegalArgumentException("fullGraphPairs must not be negative");
			}
		}

		public static Options defaults() {
			return new Options(40, 1280, 250_000L, true, true);
		}

		public Options withCandidatesPerApplication(int candidates) {
			return new Options(candidates, Math.max(candidates, maxCandidatesPerApplication), fullGraphPairs, certify,
					parallel);
		}

		public Options withFullGraphPairs(long pairs) {
			return new Options(candidatesPerApplication, maxCandidatesPerApplication, pairs, certify, parallel);
		}

		public Options withCertify(boolean certifyOptimum) {
			return new Options(candidatesPerApplication, maxCandidatesPerApplication, fullGraphPairs, certifyOptimum,
					parallel);
		}

		public Options withParallel(boolean sweepInParallel) {
			return new Options(candidatesPerApplication, maxCandidatesPerApplication, fullGraphPairs, certify,
					sweepInParallel);
		}

	}

	/**
	 * The result with how it was found.
	 *
	 * @param result the assignment
	 * @param candidatesPerApplication arcs per application in the last graph solved (the number of
	 * reviewers when the full graph was used)
	 * @param fullGraph whether every pair was an arc
	 * @param arcs application-reviewer arcs in the last graph solved
	 * @param pricingRounds times left-out pairs were added and the flow solved again
	 * @param pricedArcs left-out pairs added by pricing
	 * @param optimal whether the assignment is proven optimal for the full problem (always for
	 * the full graph; on a restricted graph when pricing found no improving pair)
	 * @param reviewersBelowFloor reviewers whose floor could not be met (k and the caps leave too
	 * few applications for them), empty when infeasible
	 * @param timings where the time went
	 */
	public record Report(AssignmentResult result, int candidatesPerApplication, boolean fullGraph, int arcs,
			int pricingRounds, int pricedArcs, boolean optimal, List<Integer> reviewersBelowFloor, Timings timings) {
	}

	/**
	 * Milliseconds spent per stage.
	 *
	 * @param candidates sweeping the pairs for each application's best reviewers (and each
	 * floored reviewer's best applications)
	 * @param flow building and solving the flow networks
	 * @param pricing node potentials and the sweep of left-out pairs
	 */
	public record Timings(long candidates, long flow, long pricing) {
	}

	private final class Run {

		private final AssignmentProblem problem;

		private final int n;

		private final int r;

		private final int k;

		private final int[][] pinnedByApplication;

		private final int[] pinnedPerReviewer;

		private final List<AssignmentProblem.Pair> pins = new ArrayList<>();

		private final int[] need;

		private final int[] room;

		private final int[] floorLeft;

		private long totalNeed;

		private long totalRoom;

		private boolean floors;

		private int[][] candidates;

		private double[][] candidateAffinity;

		// Per application, the affinity above which every eligible pair is an arc (-infinity when all are):
		// it bounds the cost of every left-out pair, which lets pricing skip most applications.
		private double[] leftOutBelow;

		private double maxAffinity;

		private double minAffinity;

		private long resolution = COST_RESOLUTION;

		private double scale;

		private long floorBonus;

		private boolean floorsAsBounds = true;

		private long candidateNanos;

		private long flowNanos;

		private long pricingNanos;

		Run(AssignmentProblem problem) {
			this.problem = problem;
			this.n = problem.applications();
			this.r = problem.reviewers();
			this.k = problem.reviewsPerApplication();
			if (n < 0 || r < 0 || k < 0) {
				throw new IllegalArgumentException("counts must not be negative");
			}
			if (problem.capacity() == null || problem.capacity().length != r) {
				throw new IllegalArgumentException("capacity must have one entry per reviewer");
			}
			if (problem.floor() != null && problem.floor().length != r) {
				throw new IllegalArgumentException("floor must have one entry per reviewer");
			}
			this.pinnedByApplication = new int[n][];
			this.pinnedPerReviewer = new int[r];
			this.need = new int[n];
			this.room = new int[r];
			this.floorLeft = new int[r];
		}

		Report solve() {
			AssignmentResult pinProblem = readPins();
			if (pinProblem != null) {
				return report(pinProblem, 0, false, 0, 0, 0, false, List.of());
			}
			if (totalNeed == 0) {
				AssignmentResult result = result(new int[n][]);
				return report(result, 0, true, 0, 0, 0, true, belowFloor(result));
			}
			boolean fullGraph = (long) n * r <= options.fullGraphPairs();
			int initial = fullGraph ? r : Math.min(r, Math.max(options.candidatesPerApplication(), k));
			int limit = Math.min(r, Math.max(initial, options.maxCandidatesPerApplication()));
			int[] perApplication = new int[n];
			Arrays.fill(perApplication, initial);
			long started = System.nanoTime();
			List<Integer> tooFewEligible = sweep(perApplication, null);
			candidateNanos += System.nanoTime() - started;
			if (!tooFewEligible.isEmpty()) {
				return report(infeasible(tooFewEligible,
						"%d application(s) cannot get %d reviewers: fewer than %d reviewers free of conflicts with them have room left under their load caps. Raise the caps, add reviewers or waive conflicts."
							.formatted(tooFewEligible.size(), k, k)),
						initial, initial >= r, 0, 0, 0, false, List.of());
			}
			while (true) {
				if (floors && initial < r) {
					started = System.nanoTime();
					addFloorCandidates();
					candidateNanos += System.nanoTime() - started;
				}
				prepareCosts();
				Solved solved = solveNetwork();
				if (solved.outcome() == FlowNetwork.Outcome.INFEASIBLE) {
					// The applications on the short side of the minimum cut are the only ones whose
					// left-out reviewers could raise the flow; if none of them has any left out, the
					// cut holds for the full graph too and the problem is truly infeasible.
					boolean[] side = totalRoom < totalNeed ? new boolean[n] : shortSide(solved);
					boolean[] raise = new boolean[n];
					boolean raised = false;
					boolean certain = true;
					for (int i = 0; i < n; i++) {
						if (side[i] && leftOutBelow[i] != Double.NEGATIVE_INFINITY) {
							certain = false;
							if (perApplication[i] < limit) {
								perApplication[i] = Math.min(limit, 2 * perApplication[i]);
								raise[i] = true;
								raised = true;
							}
						}
					}
					if (raised) {
						started = System.nanoTime();
						sweep(perApplication, raise);
						candidateNanos += System.nanoTime() - started;
						continue;
					}
					List<Integer> shortOnes = shortApplications(solved);
					String why = totalRoom < totalNeed
							? "The reviewers' load caps leave room for %d reviews but %d are needed; %d application(s) are left short of %d reviewers. Raise the caps or add reviewers."
								.formatted(totalRoom, totalNeed, shortOnes.size(), k)
							: "%d application(s) cannot all get %d reviewers at once: the reviewers free of conflicts with them do not have enough room left under their load caps%s. Raise those reviewers' caps, add reviewers or waive conflicts."
								.formatted(shortOnes.size(), k, certain ? ""
										: " (among each application's " + limit + " best-matching reviewers)");
					return report(infeasible(shortOnes, why), max(perApplication), complete(),
							solved.network().arcCount(), 0, 0, false, List.of());
				}
				int rounds = 0;
				int priced = 0;
				boolean optimal = complete();
				if (!optimal && options.certify()) {
					while (rounds < MAX_PRICING_ROUNDS) {
						long pricingStarted = System.nanoTime();
						long[] potentials = solved.network().residualPotentials();
						if (potentials == null) {
							break;
						}
						int added = price(potentials, Math.max(initial, k));
						pricingNanos += System.nanoTime() - pricingStarted;
						if (added == 0) {
							optimal = true;
							break;
						}
						rounds++;
						priced += added;
						solved = solveNetwork();
						if (solved.outcome() != FlowNetwork.Outcome.OPTIMAL) {
							throw new IllegalStateException("adding arcs made the flow infeasible");
						}
					}
				}
				AssignmentResult result = result(chosen(solved));
				return report(result, max(perApplication), complete(), candidateArcs(), rounds, priced,
						optimal || complete(), belowFloor(result));
			}
		}

		private AssignmentResult readPins() {
			List<AssignmentProblem.Pair> pinned = problem.pinned() == null ? List.of() : problem.pinned();
			Set<AssignmentProblem.Pair> seen = new HashSet<>();
			int[] perApplication = new int[n];
			TreeSet<Integer> conflicted = new TreeSet<>();
			for (AssignmentProblem.Pair pin : pinned) {
				if (pin.application() < 0 || pin.application() >= n || pin.reviewer() < 0 || pin.reviewer() >= r) {
					throw new IllegalArgumentException("pinned pair out of range: " + pin);
				}
				if (!seen.add(pin)) {
					continue;
				}
				if (problem.conflicts().conflicted(pin.application(), pin.reviewer())) {
					conflicted.add(pin.application());
				}
				pins.add(pin);
				perApplication[pin.application()]++;
				pinnedPerReviewer[pin.reviewer()]++;
			}
			for (int i = 0; i < n; i++) {
				pinnedByApplication[i] = perApplication[i] == 0 ? NONE : new int[perApplication[i]];
			}
			int[] fill = new int[n];
			for (AssignmentProblem.Pair pin : pins) {
				pinnedByApplication[pin.application()][fill[pin.application()]++] = pin.reviewer();
			}
			for (int[] reviewers : pinnedByApplication) {
				Arrays.sort(reviewers);
			}
			TreeSet<Integer> overPinned = new TreeSet<>();
			for (int i = 0; i < n; i++) {
				need[i] = k - perApplication[i];
				if (need[i] < 0) {
					overPinned.add(i);
					need[i] = 0;
				}
				totalNeed += need[i];
			}
			TreeSet<Integer> beyondCap = new TreeSet<>();
			for (int j = 0; j < r; j++) {
				room[j] = problem.capacity()[j] - pinnedPerReviewer[j];
				if (room[j] < 0) {
					for (AssignmentProblem.Pair pin : pins) {
						if (pin.reviewer() == j) {
							beyondCap.add(pin.application());
						}
					}
					room[j] = 0;
				}
				totalRoom += room[j];
				int floor = problem.floor() == null ? 0 : problem.floor()[j];
				floorLeft[j] = Math.max(0, Math.min(room[j], floor - pinnedPerReviewer[j]));
				floors |= floorLeft[j] > 0;
			}
			if (conflicted.isEmpty() && overPinned.isEmpty() && beyondCap.isEmpty()) {
				return null;
			}
			TreeSet<Integer> all = new TreeSet<>(conflicted);
			all.addAll(overPinned);
			all.addAll(beyondCap);
			List<String> reasons = new ArrayList<>();
			if (!conflicted.isEmpty()) {
				reasons.add("%d application(s) have a pinned reviewer they conflict with; unpin the pair or waive the conflict."
					.formatted(conflicted.size()));
			}
			if (!overPinned.isEmpty()) {
				reasons.add("%d application(s) have more than %d pinned reviewers.".formatted(overPinned.size(), k));
			}
			if (!beyondCap.isEmpty()) {
				reasons.add("Some reviewers have more pinned applications than their load cap allows (%d application(s) affected)."
					.formatted(beyondCap.size()));
			}
			return infeasible(new ArrayList<>(all), String.join(" ", reasons));
		}

		private boolean pinned(int application, int reviewer) {
			int[] reviewers = pinnedByApplication[application];
			return reviewers.length > 0 && Arrays.binarySearch(reviewers, reviewer) >= 0;
		}

		private boolean eligible(int application, int reviewer) {
			return room[reviewer] > 0 && !pinned(application, reviewer);
		}

		private void forEach(int count, IntConsumer action) {
			IntStream range = IntStream.range(0, count);
			(options.parallel() ? range.parallel() : range).forEach(action);
		}

		// Conflicts are looked up only for pairs good enough to keep: most pairs never need the lookup.
		private List<Integer> sweep(int[] perApplication, boolean[] only) {
			if (only == null) {
				candidates = new int[n][];
				candidateAffinity = new double[n][];
				leftOutBelow = new double[n];
			}
			double[] highest = new double[n];
			double[] lowest = new double[n];
			Arrays.fill(highest, Double.NEGATIVE_INFINITY);
			Arrays.fill(lowest, Double.POSITIVE_INFINITY);
			forEach(n, i -> {
				if (only != null && !only[i]) {
					return;
				}
				leftOutBelow[i] = Double.NEGATIVE_INFINITY;
				if (need[i] == 0) {
					candidates[i] = NONE;
					candidateAffinity[i] = new double[0];
					return;
				}
				TopCandidates top = new TopCandidates(perApplication[i]);
				double hi = Double.NEGATIVE_INFINITY;
				double lo = Double.POSITIVE_INFINITY;
				int seen = 0;
				for (int j = 0; j < r; j++) {
					if (!eligible(i, j)) {
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
				candidates[i] = top.items();
				candidateAffinity[i] = top.scores();
				if (top.full() && seen > top.count()) {
					leftOutBelow[i] = top.lowest();
				}
				highest[i] = hi;
				lowest[i] = lo;
			});
			if (only != null) {
				return List.of();
			}
			// The cost scale is fixed by the first sweep, which saw every eligible pair.
			maxAffinity = Arrays.stream(highest).max().orElse(0);
			minAffinity = Arrays.stream(lowest).min().orElse(0);
			List<Integer> tooFew = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				if (candidates[i].length < need[i]) {
					tooFew.add(i);
				}
			}
			return tooFew;
		}

		private double affinity(int application, int reviewer) {
			double a = problem.affinity().of(application, reviewer);
			if (!Double.isFinite(a)) {
				throw new IllegalArgumentException(
						"affinity of application " + application + " and reviewer " + reviewer + " is not finite");
			}
			return a;
		}

		// A reviewer with a floor gets arcs to their own best applications, not only to those that rank
		// them highly, or a floor could be missed merely because of the restriction.
		private void addFloorCandidates() {
			int[][] best = new int[r][];
			double[][] bestAffinity = new double[r][];
			forEach(r, j -> {
				if (floorLeft[j] == 0) {
					return;
				}
				TopCandidates top = new TopCandidates(2 * floorLeft[j] + k);
				for (int i = 0; i < n; i++) {
					if (need[i] == 0 || pinned(i, j)) {
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
					if (!contains(candidates[i], j)) {
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
				int base = candidates[i].length;
				candidates[i] = Arrays.copyOf(candidates[i], base + more.size());
				candidateAffinity[i] = Arrays.copyOf(candidateAffinity[i], base + more.size());
				for (int[] e : more) {
					candidates[i][base] = e[0];
					candidateAffinity[i][base++] = bestAffinity[e[0]][e[1]];
				}
			}
		}

		private static boolean contains(int[] values, int value) {
			for (int v : values) {
				if (v == value) {
					return true;
				}
			}
			return false;
		}

		private void prepareCosts() {
			double range = maxAffinity - minAffinity;
			scale = range > 0 ? resolution / range : 0;
			// Larger than the cost difference of any two assignments, so that meeting one more
			// floor place always beats any gain in affinity.
			floorBonus = floors ? totalNeed * resolution + 1 : 0;
		}

		private long cost(double affinity) {
			return Math.round((maxAffinity - affinity) * scale);
		}

		private int candidateArcs() {
			int arcs = 0;
			for (int[] c : candidates) {
				arcs += c.length;
			}
			return arcs;
		}

		private Solved solveNetwork() {
			long started = System.nanoTime();
			try {
				return buildAndSolve();
			}
			finally {
				flowNanos += System.nanoTime() - started;
			}
		}

		private Solved buildAndSolve() {
			while (true) {
				int sink = n + r;
				FlowNetwork network = new FlowNetwork(n + r + 1, candidateArcs() + 2 * r);
				int[] firstArc = new int[n + 1];
				for (int i = 0; i < n; i++) {
					firstArc[i] = network.arcCount();
					for (int c = 0; c < candidates[i].length; c++) {
						network.addArc(i, n + candidates[i][c], 1, cost(candidateAffinity[i][c]));
					}
					network.setSupply(i, need[i]);
				}
				firstArc[n] = network.arcCount();
				// Floors are tried as hard lower bounds first (a reviewer node that must absorb its
				// floor): when they can all be met this is the same optimum and much faster to solve
				// than the floor bonus, whose huge costs slow cost scaling down.
				boolean hard = floors && floorsAsBounds;
				long forced = 0;
				for (int j = 0; j < r; j++) {
					if (floorLeft[j] > 0) {
						if (hard) {
							network.setSupply(n + j, -floorLeft[j]);
							forced += floorLeft[j];
						}
						else {
							network.addArc(n + j, sink, floorLeft[j], -floorBonus);
						}
					}
					if (room[j] > floorLeft[j]) {
						network.addArc(n + j, sink, room[j] - floorLeft[j], 0);
					}
				}
				network.setSupply(sink, -(totalNeed - forced));
				FlowNetwork.Outcome outcome = network.solve();
				if (outcome == FlowNetwork.Outcome.INFEASIBLE && hard) {
					floorsAsBounds = false;
					continue;
				}
				if (outcome != FlowNetwork.Outcome.BAD_COST_RANGE) {
					return new Solved(network, firstArc, outcome);
				}
				if (resolution <= 1000) {
					throw new IllegalStateException("costs out of range for the flow solver even at resolution " + resolution);
				}
				resolution /= 10;
				prepareCosts();
			}
		}

		// Left-out pairs with a negative reduced cost are exactly those that could improve the optimum.
		private int price(long[] potentials, int perApplication) {
			int[][] addReviewers = new int[n][];
			double[][] addAffinity = new double[n][];
			long highestReviewer = Long.MIN_VALUE;
			for (int j = 0; j < r; j++) {
				highestReviewer = Math.max(highestReviewer, potentials[n + j]);
			}
			long reviewerBound = highestReviewer;
			forEach(n, i -> {
				// Every left-out pair of this application costs at least cost(leftOutBelow[i]), so when
				// even that cannot give a negative reduced cost there is nothing to look at.
				if (need[i] == 0 || leftOutBelow[i] == Double.NEGATIVE_INFINITY
						|| cost(leftOutBelow[i]) + potentials[i] - reviewerBound >= 0) {
					return;
				}
				int[] present = candidates[i].clone();
				Arrays.sort(present);
				TopCandidates improving = new TopCandidates(perApplication);
				int p = 0;
				for (int j = 0; j < r; j++) {
					while (p < present.length && present[p] < j) {
						p++;
					}
					if ((p < present.length && present[p] == j) || !eligible(i, j)) {
						continue;
					}
					double a = affinity(i, j);
					long reduced = cost(a) + potentials[i] - potentials[n + j];
					if (reduced < 0 && improving.wouldAccept(-reduced) && !problem.conflicts().conflicted(i, j)) {
						improving.offer(j, -reduced);
					}
				}
				if (improving.count() > 0) {
					int[] js = improving.items();
					double[] as = new double[js.length];
					for (int x = 0; x < js.length; x++) {
						as[x] = affinity(i, js[x]);
					}
					addReviewers[i] = js;
					addAffinity[i] = as;
				}
			});
			int added = 0;
			for (int i = 0; i < n; i++) {
				if (addReviewers[i] == null) {
					continue;
				}
				int base = candidates[i].length;
				int more = addReviewers[i].length;
				candidates[i] = Arrays.copyOf(candidates[i], base + more);
				candidateAffinity[i] = Arrays.copyOf(candidateAffinity[i], base + more);
				System.arraycopy(addReviewers[i], 0, candidates[i], base, more);
				System.arraycopy(addAffinity[i], 0, candidateAffinity[i], base, more);
				added += more;
			}
			return added;
		}

		private int[][] chosen(Solved solved) {
			int[][] chosen = new int[n][];
			for (int i = 0; i < n; i++) {
				int[] picked = new int[need[i]];
				int count = 0;
				for (int c = 0; c < candidates[i].length; c++) {
					if (solved.network().flow(solved.firstArc()[i] + c) > 0) {
						picked[count++] = candidates[i][c];
					}
				}
				chosen[i] = Arrays.copyOf(picked, count);
			}
			return chosen;
		}

		// Applications reachable in the residual graph from those left short: the source side of a
		// minimum cut.
		private boolean[] shortSide(Solved solved) {
			int[] deficient = shortApplications(solved).stream().mapToInt(Integer::intValue).toArray();
			return Arrays.copyOf(solved.network().residualReach(deficient), n);
		}

		private boolean complete() {
			for (double bound : leftOutBelow) {
				if (bound != Double.NEGATIVE_INFINITY) {
					return false;
				}
			}
			return true;
		}

		private static int max(int[] values) {
			return Arrays.stream(values).max().orElse(0);
		}

		private List<Integer> shortApplications(Solved solved) {
			List<Integer> shortOnes = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				long got = 0;
				for (int c = 0; c < candidates[i].length; c++) {
					got += solved.network().flow(solved.firstArc()[i] + c);
				}
				if (got < need[i]) {
					shortOnes.add(i);
				}
			}
			return shortOnes;
		}

		private AssignmentResult result(int[][] chosen) {
			List<AssignmentProblem.Pair> assignments = new ArrayList<>();
			double total = 0;
			for (int i = 0; i < n; i++) {
				int[] reviewers = new int[pinnedByApplication[i].length + (chosen[i] == null ? 0 : chosen[i].length)];
				System.arraycopy(pinnedByApplication[i], 0, reviewers, 0, pinnedByApplication[i].length);
				if (chosen[i] != null) {
					System.arraycopy(chosen[i], 0, reviewers, pinnedByApplication[i].length, chosen[i].length);
				}
				Arrays.sort(reviewers);
				for (int j : reviewers) {
					assignments.add(new AssignmentProblem.Pair(i, j));
					total += problem.affinity().of(i, j);
				}
			}
			return new AssignmentResult(true, List.copyOf(assignments), total, List.of(), "");
		}

		private List<Integer> belowFloor(AssignmentResult result) {
			if (problem.floor() == null) {
				return List.of();
			}
			int[] load = new int[r];
			for (AssignmentProblem.Pair pair : result.assignments()) {
				load[pair.reviewer()]++;
			}
			List<Integer> below = new ArrayList<>();
			for (int j = 0; j < r; j++) {
				if (load[j] < problem.floor()[j]) {
					below.add(j);
				}
			}
			return List.copyOf(below);
		}

		private AssignmentResult infeasible(List<Integer> applications, String explanation) {
			return new AssignmentResult(false, List.of(), 0, List.copyOf(applications), explanation);
		}

		private Report report(AssignmentResult result, int perApplication, boolean fullGraph, int arcs, int rounds,
				int priced, boolean optimal, List<Integer> belowFloor) {
			return new Report(result, perApplication, fullGraph, arcs, rounds, priced, optimal, belowFloor,
					new Timings(candidateNanos / 1_000_000, flowNanos / 1_000_000, pricingNanos / 1_000_000));
		}

	}

	private record Solved(FlowNetwork network, int[] firstArc, FlowNetwork.Outcome outcome) {
	}

}
