package kr.aifellows.portal.review.assignment.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assigns reviewers to applications as a min-cost flow: exactly k per application, caps
 * and floors per reviewer, no conflicted pair, pinned pairs kept, total affinity
 * maximised.
 * <p>
 * The network is application → reviewer (capacity 1, cost = affinity scaled to integers
 * and negated) → sink (capacity = the reviewer's cap), with every application supplying
 * k; it is solved exactly by OR-Tools' min-cost flow. Exactly k is a hard constraint:
 * when no flow meets it the result is infeasible and names the applications left short. A
 * reviewer's floor is met whenever k and the caps allow it: floors are first imposed as
 * lower bounds on the reviewer's flow; when they cannot all be met, the first
 * {@code floor} places of each reviewer instead carry a bonus larger than any possible
 * difference in affinity, so the most floor places are met, then affinity is maximised,
 * and exactly k is never given up for a floor.
 * <p>
 * Large calls (more than {@link Options#fullGraphPairs()} pairs) only get each
 * application's {@link Options#candidatesPerApplication()} best reviewers as arcs. When
 * that graph is infeasible, only the applications on the short side of the minimum cut
 * get more candidates, so a truly infeasible call is proven so without building the full
 * graph. With {@link Options#certify()} the restricted optimum is then checked against
 * every left-out pair using the flow's node potentials (a pair with a negative reduced
 * cost is added and the flow solved again), so the answer is the optimum of the full
 * problem, not an approximation.
 * <p>
 * The {@link AssignmentProblem.Affinity} and {@link AssignmentProblem.Conflicts}
 * functions are called from several threads when {@link Options#parallel()} is set; they
 * must be safe for that (pure lookups are).
 */
public class AssignmentSolver {

	private static final int MAX_PRICING_ROUNDS = 25;

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

	/**
	 * Solves and also tells how: graph size, pricing rounds, whether the optimum is
	 * certified, unmet floors.
	 */
	public Report solveWithReport(AssignmentProblem problem) {
		return new Run(problem).solve();
	}

	/**
	 * How the solver works at scale.
	 *
	 * @param candidatesPerApplication arcs kept per application on large calls (its best
	 * reviewers by affinity)
	 * @param maxCandidatesPerApplication how far that number is doubled when the
	 * restricted graph turns out infeasible
	 * @param fullGraphPairs calls with at most this many application-reviewer pairs get
	 * every pair as an arc
	 * @param certify on a restricted graph, price every left-out pair and add those that
	 * would improve the optimum until none would (exact optimum of the full problem)
	 * @param parallel sweep the pairs on several threads
	 */
	public record Options(int candidatesPerApplication, int maxCandidatesPerApplication, long fullGraphPairs,
			boolean certify, boolean parallel) {

		public Options {
			if (candidatesPerApplication < 1) {
				throw new IllegalArgumentException("candidatesPerApplication must be at least 1");
			}
			if (maxCandidatesPerApplication < candidatesPerApplication) {
				throw new IllegalArgumentException(
						"maxCandidatesPerApplication must be at least candidatesPerApplication");
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
	 * @param candidatesPerApplication arcs per application in the last graph solved (the
	 * number of reviewers when the full graph was used)
	 * @param fullGraph whether every pair was an arc
	 * @param arcs application-reviewer arcs in the last graph solved
	 * @param pricingRounds times left-out pairs were added and the flow solved again
	 * @param pricedArcs left-out pairs added by pricing
	 * @param optimal whether the assignment is proven optimal for the full problem
	 * (always for the full graph; on a restricted graph when pricing found no improving
	 * pair)
	 * @param reviewersBelowFloor reviewers whose floor could not be met (k and the caps
	 * leave too few applications for them), empty when infeasible
	 * @param timings where the time went
	 */
	public record Report(AssignmentResult result, int candidatesPerApplication, boolean fullGraph, int arcs,
			int pricingRounds, int pricedArcs, boolean optimal, List<Integer> reviewersBelowFloor, Timings timings) {
	}

	/**
	 * Milliseconds spent per stage.
	 *
	 * @param candidates sweeping the pairs for each application's best reviewers (and
	 * each floored reviewer's best applications)
	 * @param flow building and solving the flow networks
	 * @param pricing node potentials and the sweep of left-out pairs
	 */
	public record Timings(long candidates, long flow, long pricing) {
	}

	// One solve: the pins, the candidate arcs and their flow, the stage timings. The
	// graph grows
	// from each application's best candidates: for the short side of an infeasible cut,
	// then by
	// pricing until the restricted optimum is certified.
	private final class Run {

		private final AssignmentProblem problem;

		private final int n;

		private final int r;

		private final int k;

		private final Pins pins;

		private final Candidates candidates;

		private final CandidateFlow flow;

		private int[] perApplication;

		private int initial;

		private int limit;

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
			this.pins = new Pins(problem);
			this.candidates = new Candidates(problem, pins, options.parallel());
			this.flow = new CandidateFlow(pins, candidates, n, r);
		}

		Report solve() {
			if (!pins.feasible()) {
				return report(infeasible(pins.blocked(), pins.explanation()), 0, false, 0, 0, 0, false, List.of());
			}
			if (pins.totalNeed() == 0) {
				AssignmentResult result = result(new int[n][]);
				return report(result, 0, true, 0, 0, 0, true, belowFloor(result));
			}
			boolean fullGraph = (long) n * r <= options.fullGraphPairs();
			initial = fullGraph ? r : Math.min(r, Math.max(options.candidatesPerApplication(), k));
			limit = Math.min(r, Math.max(initial, options.maxCandidatesPerApplication()));
			perApplication = new int[n];
			Arrays.fill(perApplication, initial);
			List<Integer> tooFewEligible = sweep(null);
			if (!tooFewEligible.isEmpty()) {
				return report(infeasible(tooFewEligible,
						"%d application(s) cannot get %d reviewers: fewer than %d reviewers free of conflicts with them have room left under their load caps. Raise the caps, add reviewers or waive conflicts."
							.formatted(tooFewEligible.size(), k, k)),
						initial, initial >= r, 0, 0, 0, false, List.of());
			}
			while (true) {
				if (pins.floors() && initial < r) {
					long started = System.nanoTime();
					candidates.addFloorCandidates();
					candidateNanos += System.nanoTime() - started;
				}
				flow.prepareCosts();
				CandidateFlow.Solved solved = solveNetwork();
				if (solved.outcome() != FlowNetwork.Outcome.INFEASIBLE) {
					return optimum(solved);
				}
				Raise raise = raiseShortSide(solved);
				if (!raise.any()) {
					return infeasibleFlow(solved, raise.certain());
				}
				sweep(raise.applications());
			}
		}

		private List<Integer> sweep(boolean[] only) {
			long started = System.nanoTime();
			List<Integer> tooFew = candidates.sweep(perApplication, only);
			candidateNanos += System.nanoTime() - started;
			return tooFew;
		}

		// The applications on the short side of the minimum cut are the only ones whose
		// left-out
		// reviewers could raise the flow; if none of them has any left out, the cut holds
		// for the
		// full graph too and the problem is truly infeasible.
		private Raise raiseShortSide(CandidateFlow.Solved solved) {
			boolean[] side = pins.totalRoom() < pins.totalNeed() ? new boolean[n] : flow.shortSide(solved);
			boolean[] raise = new boolean[n];
			boolean raised = false;
			boolean certain = true;
			for (int i = 0; i < n; i++) {
				if (side[i] && candidates.leftOutBelow(i) != Double.NEGATIVE_INFINITY) {
					certain = false;
					if (perApplication[i] < limit) {
						perApplication[i] = Math.min(limit, 2 * perApplication[i]);
						raise[i] = true;
						raised = true;
					}
				}
			}
			return new Raise(raise, raised, certain);
		}

		private Report infeasibleFlow(CandidateFlow.Solved solved, boolean certain) {
			List<Integer> shortOnes = flow.shortApplications(solved);
			String why = pins.totalRoom() < pins.totalNeed()
					? "The reviewers' load caps leave room for %d reviews but %d are needed; %d application(s) are left short of %d reviewers. Raise the caps or add reviewers."
						.formatted(pins.totalRoom(), pins.totalNeed(), shortOnes.size(), k)
					: "%d application(s) cannot all get %d reviewers at once: the reviewers free of conflicts with them do not have enough room left under their load caps%s. Raise those reviewers' caps, add reviewers or waive conflicts."
						.formatted(shortOnes.size(), k,
								certain ? "" : " (among each application's " + limit + " best-matching reviewers)");
			return report(infeasible(shortOnes, why), max(perApplication), candidates.complete(),
					solved.network().arcCount(), 0, 0, false, List.of());
		}

		// On a restricted graph the optimum is certified by pricing the left-out pairs,
		// adding those
		// that would improve it and solving again, until none would.
		private Report optimum(CandidateFlow.Solved first) {
			CandidateFlow.Solved solved = first;
			int rounds = 0;
			int priced = 0;
			boolean optimal = candidates.complete();
			if (!optimal && options.certify()) {
				Pricing pricing = new Pricing(problem, pins, candidates, flow);
				while (rounds < MAX_PRICING_ROUNDS) {
					long pricingStarted = System.nanoTime();
					long[] potentials = solved.network().residualPotentials();
					if (potentials == null) {
						break;
					}
					int added = pricing.addImproving(potentials, Math.max(initial, k));
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
			AssignmentResult result = result(flow.chosen(solved));
			return report(result, max(perApplication), candidates.complete(), candidates.arcCount(), rounds, priced,
					optimal || candidates.complete(), belowFloor(result));
		}

		private CandidateFlow.Solved solveNetwork() {
			long started = System.nanoTime();
			try {
				return flow.solve();
			}
			finally {
				flowNanos += System.nanoTime() - started;
			}
		}

		private static int max(int[] values) {
			return Arrays.stream(values).max().orElse(0);
		}

		private AssignmentResult result(int[][] chosen) {
			List<AssignmentProblem.Pair> assignments = new ArrayList<>();
			double total = 0;
			for (int i = 0; i < n; i++) {
				int[] pinned = pins.of(i);
				int[] reviewers = new int[pinned.length + (chosen[i] == null ? 0 : chosen[i].length)];
				System.arraycopy(pinned, 0, reviewers, 0, pinned.length);
				if (chosen[i] != null) {
					System.arraycopy(chosen[i], 0, reviewers, pinned.length, chosen[i].length);
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

	// The applications whose candidates are to be doubled after an infeasible flow;
	// certain when
	// no application on the short side had any pair left out.
	private record Raise(boolean[] applications, boolean any, boolean certain) {
	}

}
