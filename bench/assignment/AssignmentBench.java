import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import kr.aifellows.portal.review.assignment.solver.AssignmentProblem;
import kr.aifellows.portal.review.assignment.solver.AssignmentResult;
import kr.aifellows.portal.review.assignment.solver.AssignmentSolver;

/**
 * Reviewer assignment at conference scale. Usage: AssignmentBench [applications reviewers
 * k cap candidatesPerApplication floorShare seed] Prints wall times, total affinity of
 * the restricted graph with and without pricing, the gap to the full-graph optimum when
 * the full graph is small enough to solve directly, and checks every hard constraint of
 * the answer.
 */
public class AssignmentBench {

	static final int AREAS = 64;

	public static void main(String[] args) {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		int r = args.length > 1 ? Integer.parseInt(args[1]) : 15_000;
		int k = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		int cap = args.length > 3 ? Integer.parseInt(args[3]) : 6;
		int m = args.length > 4 ? Integer.parseInt(args[4]) : 40;
		double floorShare = args.length > 5 ? Double.parseDouble(args[5]) : 0;
		long seed = args.length > 6 ? Long.parseLong(args[6]) : 42;
		System.out.printf(
				"instance: %,d applications x %,d reviewers, k=%d, cap=%d, top-M=%d, floors on %.0f%% of reviewers, seed %d, %d cores%n",
				n, r, k, cap, m, floorShare * 100, seed, Runtime.getRuntime().availableProcessors());
		long t = System.nanoTime();
		AssignmentProblem problem = generate(n, r, k, cap, floorShare, seed);
		System.out.printf("generated in %.1f s (%,d conflicted pairs)%n", secs(t), conflictCount);

		// Load the native solver once so that its one-off start-up is not billed to the
		// first run.
		t = System.nanoTime();
		new AssignmentSolver().solve(generate(3, 3, 1, 1, 0, 1));
		System.out.printf("OR-Tools natives loaded in %.1f s%n", secs(t));

		AssignmentSolver.Options base = AssignmentSolver.Options.defaults()
			.withCandidatesPerApplication(m)
			.withFullGraphPairs(0);

		// The default solver first, in a cold JVM, as a chair's first run after a restart
		// would see it.
		t = System.nanoTime();
		AssignmentSolver.Report certified = new AssignmentSolver(base).solveWithReport(problem);
		describe("default: top-" + m + " + pricing, cold JVM", certified, secs(t), problem);

		t = System.nanoTime();
		AssignmentSolver.Report restricted = new AssignmentSolver(base.withCertify(false)).solveWithReport(problem);
		describe("top-" + m + " without pricing", restricted, secs(t), problem);

		t = System.nanoTime();
		certified = new AssignmentSolver(base).solveWithReport(problem);
		describe("default again, warm JVM", certified, secs(t), problem);

		if ((long) n * r <= 5_000_000L) {
			t = System.nanoTime();
			AssignmentSolver.Report full = new AssignmentSolver(base.withFullGraphPairs(Long.MAX_VALUE))
				.solveWithReport(problem);
			describe("full graph", full, secs(t), problem);
			double opt = full.result().totalAffinity();
			System.out.printf(
					"gap to full-graph optimum: top-%d without pricing %.7f%% (%.4f), with pricing %.7f%% (%.4f)%n", m,
					gap(opt, restricted.result().totalAffinity()), opt - restricted.result().totalAffinity(),
					gap(opt, certified.result().totalAffinity()), opt - certified.result().totalAffinity());
		}
		else if (certified.optimal()) {
			double opt = certified.result().totalAffinity();
			System.out.printf("gap of top-%d without pricing to the certified optimum: %.7f%% (%.4f)%n", m,
					gap(opt, restricted.result().totalAffinity()), opt - restricted.result().totalAffinity());
		}
	}

	static double gap(double optimum, double value) {
		return 100 * (optimum - value) / Math.abs(optimum);
	}

	static double secs(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	static void describe(String label, AssignmentSolver.Report report, double secs, AssignmentProblem problem) {
		AssignmentResult result = report.result();
		System.out.printf(
				"%s: %.2f s (candidates %.1f s, flow %.1f s, pricing %.1f s), feasible=%s, total affinity %.4f, arcs %,d, pricing rounds %d (+%,d arcs), proven optimal=%s, reviewers below floor %d%n",
				label, secs, report.timings().candidates() / 1e3, report.timings().flow() / 1e3,
				report.timings().pricing() / 1e3, result.feasible(), result.totalAffinity(), report.arcs(),
				report.pricingRounds(), report.pricedArcs(), report.optimal(), report.reviewersBelowFloor().size());
		if (!result.feasible()) {
			System.out.println("  infeasible: " + result.explanation());
			return;
		}
		int[] perApplication = new int[problem.applications()];
		int[] load = new int[problem.reviewers()];
		long conflicts = 0;
		for (AssignmentProblem.Pair pair : result.assignments()) {
			perApplication[pair.application()]++;
			load[pair.reviewer()]++;
			if (problem.conflicts().conflicted(pair.application(), pair.reviewer())) {
				conflicts++;
			}
		}
		long notExact = Arrays.stream(perApplication).filter(c -> c != problem.reviewsPerApplication()).count();
		long overCap = 0;
		for (int j = 0; j < load.length; j++) {
			if (load[j] > problem.capacity()[j]) {
				overCap++;
			}
		}
		long distinct = result.assignments().stream().distinct().count();
		System.out.printf(
				"  checks: conflicts violated %d, applications without exactly %d reviewers %d, reviewers over cap %d, duplicate pairs %d, max load %d%n",
				conflicts, problem.reviewsPerApplication(), notExact, overCap, result.assignments().size() - distinct,
				Arrays.stream(load).max().orElse(0));
	}

	static long conflictCount;

	/**
	 * Expertise areas as 64-bit masks (1-3 per application, 2-5 per reviewer); affinity
	 * is the number of shared areas plus uniform noise in [0, 0.5). Each application
	 * conflicts with 1% of the reviewers at random plus 3 reviewers sharing its main area
	 * (co-author-like conflicts, which hit exactly the reviewers it would want).
	 */
	static AssignmentProblem generate(int n, int r, int k, int cap, double floorShare, long seed) {
		Random random = new Random(seed);
		long[] applicationAreas = new long[n];
		long[] reviewerAreas = new long[r];
		for (int i = 0; i < n; i++) {
			applicationAreas[i] = areas(random, 1 + random.nextInt(3));
		}
		List<List<Integer>> byArea = new ArrayList<>();
		for (int a = 0; a < AREAS; a++) {
			byArea.add(new ArrayList<>());
		}
		for (int j = 0; j < r; j++) {
			reviewerAreas[j] = areas(random, 2 + random.nextInt(4));
			for (int a = 0; a < AREAS; a++) {
				if ((reviewerAreas[j] & (1L << a)) != 0) {
					byArea.get(a).add(j);
				}
			}
		}
		int[][] conflicted = new int[n][];
		int randomConflicts = Math.max(1, r / 100);
		conflictCount = 0;
		for (int i = 0; i < n; i++) {
			int[] c = new int[randomConflicts + 3];
			for (int x = 0; x < randomConflicts; x++) {
				c[x] = random.nextInt(r);
			}
			List<Integer> sameArea = byArea.get(Long.numberOfTrailingZeros(applicationAreas[i]));
			for (int x = 0; x < 3; x++) {
				c[randomConflicts + x] = sameArea.isEmpty() ? random.nextInt(r)
						: sameArea.get(random.nextInt(sameArea.size()));
			}
			conflicted[i] = Arrays.stream(c).sorted().distinct().toArray();
			conflictCount += conflicted[i].length;
		}
		int[] capacity = new int[r];
		Arrays.fill(capacity, cap);
		int[] floor = new int[r];
		for (int j = 0; j < r; j++) {
			floor[j] = random.nextDouble() < floorShare ? 2 : 0;
		}
		return new AssignmentProblem(n, r, k, capacity, floor,
				(i, j) -> Long.bitCount(applicationAreas[i] & reviewerAreas[j]) + 0.5 * noise(seed, i, j),
				(i, j) -> Arrays.binarySearch(conflicted[i], j) >= 0, List.of());
	}

	static long areas(Random random, int count) {
		long mask = 0;
		while (Long.bitCount(mask) < count) {
			mask |= 1L << random.nextInt(AREAS);
		}
		return mask;
	}

	/** Deterministic per pair, so that repeated calls (sweep, pricing, checks) agree. */
	static double noise(long seed, int i, int j) {
		long z = seed + i * 0x9E3779B97F4A7C15L + j * 0xC2B2AE3D27D4EB4FL;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		z ^= z >>> 31;
		return (z >>> 11) * 0x1.0p-53;
	}

}
