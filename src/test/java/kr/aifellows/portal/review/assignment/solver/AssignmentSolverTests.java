package kr.aifellows.portal.review.assignment.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import kr.aifellows.portal.review.assignment.solver.AssignmentProblem.Pair;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AssignmentSolverTests {

	private final AssignmentSolver solver = new AssignmentSolver();

	@Test
	void everyApplicationGetsExactlyKReviewersWithinCapsAndNeverAConflictedOne() {
		Random random = new Random(1);
		for (int round = 0; round < 5; round++) {
			Instance instance = Instance.random(random, 60, 40, 3, 5, 8, 0.1, 0);
			AssignmentResult result = solver.solve(instance.problem());

			assertThat(result.feasible()).as(result.explanation()).isTrue();
			instance.assertHardConstraints(result);
		}
	}

	@Test
	void matchesBruteForceOptimumOnSmallInstances() {
		Random random = new Random(7);
		int feasible = 0;
		int infeasible = 0;
		for (int round = 0; round < 60; round++) {
			int n = 2 + random.nextInt(3);
			int r = 3 + random.nextInt(3);
			int k = 1 + random.nextInt(2);
			Instance instance = Instance.random(random, n, r, k, 1, 3, 0.2, round % 3 == 0 ? 1 : 0);
			if (round % 4 == 0) {
				instance = instance.withPin(random);
			}
			BruteForce.Best best = BruteForce.solve(instance.problem());
			AssignmentSolver.Report report = solver.solveWithReport(instance.problem());

			assertThat(report.result().feasible()).as("feasibility of round %d", round).isEqualTo(best != null);
			if (best == null) {
				assertThat(report.result().shortOfReviewers()).isNotEmpty();
				infeasible++;
				continue;
			}
			feasible++;
			instance.assertHardConstraints(report.result());
			assertThat(BruteForce.floorPlaces(instance.problem(), report.result().assignments()))
				.as("floor places met in round %d", round)
				.isEqualTo(best.floorPlaces());
			assertThat(report.result().totalAffinity()).as("total affinity in round %d", round)
				.isCloseTo(best.affinity(), within(1e-5));
			assertThat(report.optimal()).isTrue();
		}
		assertThat(feasible).isGreaterThan(20);
		assertThat(infeasible).isGreaterThan(3);
	}

	@Test
	void restrictedGraphWithPricingReachesTheFullGraphOptimum() {
		Instance instance = Instance.random(new Random(3), 300, 200, 3, 4, 6, 0.05, 0);
		AssignmentResult full = solver.solve(instance.problem());
		AssignmentSolver.Options restricted = AssignmentSolver.Options.defaults()
			.withFullGraphPairs(0)
			.withCandidatesPerApplication(4);

		AssignmentSolver.Report withoutPricing = new AssignmentSolver(restricted.withCertify(false))
			.solveWithReport(instance.problem());
		AssignmentSolver.Report priced = new AssignmentSolver(restricted).solveWithReport(instance.problem());

		assertThat(priced.fullGraph()).isFalse();
		assertThat(priced.optimal()).isTrue();
		assertThat(priced.pricedArcs()).as("pricing found better pairs outside the top 4").isPositive();
		assertThat(withoutPricing.optimal()).isFalse();
		assertThat(priced.result().totalAffinity()).isCloseTo(full.totalAffinity(), within(1e-6));
		assertThat(withoutPricing.result().totalAffinity()).isLessThanOrEqualTo(full.totalAffinity() + 1e-6);
		instance.assertHardConstraints(priced.result());
		instance.assertHardConstraints(withoutPricing.result());
	}

	@Test
	void restrictedGraphTakesMoreCandidatesWhenEveryoneWantsTheSameFewReviewers() {
		int n = 100;
		int r = 60;
		int[] capacity = new int[r];
		Arrays.fill(capacity, 5);
		// Every application ranks the reviewers the same way, so the top 4 of all are the
		// same 4 reviewers.
		AssignmentProblem problem = new AssignmentProblem(n, r, 2, capacity, new int[r],
				(i, j) -> r - j + (i % 7) * 1e-3, (i, j) -> false, List.of());
		AssignmentSolver.Report report = new AssignmentSolver(
				AssignmentSolver.Options.defaults().withFullGraphPairs(0).withCandidatesPerApplication(4))
			.solveWithReport(problem);

		assertThat(report.result().feasible()).isTrue();
		assertThat(report.candidatesPerApplication()).isGreaterThan(4);
		assertThat(report.optimal()).isTrue();
		assertThat(report.result().assignments()).hasSize(2 * n);
	}

	@Test
	void infeasibilityOnARestrictedGraphIsProvenWithoutWideningEveryApplication() {
		int n = 100;
		int r = 60;
		int[] capacity = new int[r];
		Arrays.fill(capacity, 2);
		// Applications 0..9 may only be reviewed by reviewers 0..2, who have 6 places
		// between them.
		AssignmentProblem problem = new AssignmentProblem(n, r, 1, capacity, new int[r], (i, j) -> Math.cos(i * 7 + j),
				(i, j) -> i < 10 && j > 2, List.of());

		AssignmentSolver.Report report = new AssignmentSolver(
				AssignmentSolver.Options.defaults().withFullGraphPairs(0).withCandidatesPerApplication(4))
			.solveWithReport(problem);

		assertThat(report.result().feasible()).isFalse();
		assertThat(report.result().shortOfReviewers()).hasSize(4).allMatch(i -> i < 10);
		assertThat(report.result().explanation()).contains("4 application(s) cannot all get 1 reviewers at once")
			.doesNotContain("best-matching");
		assertThat(report.fullGraph()).isFalse();
	}

	@Test
	void conflictedPairsAreNeverAssignedEvenWhenTheyFitBest() {
		int[] capacity = { 5, 5, 5, 5 };
		AssignmentProblem problem = new AssignmentProblem(3, 4, 2, capacity, new int[4], (i, j) -> j == 0 ? 100 : j,
				(i, j) -> j == 0, List.of());

		AssignmentResult result = solver.solve(problem);

		assertThat(result.feasible()).isTrue();
		assertThat(result.assignments()).noneMatch(pair -> pair.reviewer() == 0);
		assertThat(result.assignments()).hasSize(6);
	}

	@Test
	void pinnedPairsAreKeptAndCountTowardsKAndTheCap() {
		int[] capacity = { 2, 2, 2, 2 };
		// Reviewer 3 fits nobody, but the chair pinned them to application 0.
		AssignmentProblem problem = new AssignmentProblem(4, 4, 2, capacity, new int[4], (i, j) -> j == 3 ? 0 : 10 - j,
				(i, j) -> false, List.of(new Pair(0, 3)));

		AssignmentResult result = solver.solve(problem);

		assertThat(result.feasible()).isTrue();
		assertThat(result.assignments()).contains(new Pair(0, 3));
		assertThat(result.assignments().stream().filter(p -> p.application() == 0)).hasSize(2);
		assertThat(result.assignments().stream().filter(p -> p.reviewer() == 3).count()).isLessThanOrEqualTo(2);
		assertThat(result.assignments()).hasSize(8).doesNotHaveDuplicates();
	}

	@Test
	void pinnedConflictedPairMakesTheProblemInfeasibleAndNamesTheApplication() {
		int[] capacity = { 2, 2, 2 };
		AssignmentProblem problem = new AssignmentProblem(2, 3, 1, capacity, new int[3], (i, j) -> 1,
				(i, j) -> i == 1 && j == 2, List.of(new Pair(1, 2)));

		AssignmentResult result = solver.solve(problem);

		assertThat(result.feasible()).isFalse();
		assertThat(result.shortOfReviewers()).containsExactly(1);
		assertThat(result.assignments()).isEmpty();
		assertThat(result.explanation()).contains("conflict");
	}

	@Test
	void reviewerFloorIsMetEvenWhenNobodyRanksThemHighly() {
		int n = 40;
		int r = 30;
		int[] capacity = new int[r];
		Arrays.fill(capacity, 8);
		int[] floor = new int[r];
		floor[r - 1] = 3;
		AssignmentProblem problem = new AssignmentProblem(n, r, 2, capacity, floor,
				(i, j) -> j == r - 1 ? -5 : Math.sin(i * 31 + j * 17), (i, j) -> false, List.of());

		for (AssignmentSolver restricted : List.of(solver, new AssignmentSolver(
				AssignmentSolver.Options.defaults().withFullGraphPairs(0).withCandidatesPerApplication(3)))) {
			AssignmentSolver.Report report = restricted.solveWithReport(problem);

			assertThat(report.result().feasible()).isTrue();
			assertThat(report.result().assignments().stream().filter(p -> p.reviewer() == r - 1)).hasSize(3);
			assertThat(report.reviewersBelowFloor()).isEmpty();
		}
	}

	@Test
	void floorsThatCannotAllBeMetAreReportedWithoutBreakingExactlyK() {
		int[] capacity = { 3, 3, 3 };
		int[] floor = { 3, 3, 3 };
		AssignmentProblem problem = new AssignmentProblem(3, 3, 2, capacity, floor, (i, j) -> i == j ? 1 : 0,
				(i, j) -> false, List.of());

		AssignmentSolver.Report report = solver.solveWithReport(problem);

		assertThat(report.result().feasible()).isTrue();
		assertThat(report.result().assignments()).hasSize(6);
		assertThat(report.reviewersBelowFloor()).isNotEmpty();
	}

	@Test
	void applicationWithTooFewConflictFreeReviewersIsNamed() {
		int[] capacity = { 5, 5, 5, 5 };
		AssignmentProblem problem = new AssignmentProblem(4, 4, 2, capacity, new int[4], (i, j) -> 1,
				(i, j) -> i == 2 && j != 1, List.of());

		AssignmentResult result = solver.solve(problem);

		assertThat(result.feasible()).isFalse();
		assertThat(result.shortOfReviewers()).containsExactly(2);
		assertThat(result.explanation()).contains("1 application(s) cannot get 2 reviewers");
	}

	@Test
	void capsTooSmallForEveryApplicationAreExplained() {
		int[] capacity = { 2, 2, 2 };
		AssignmentProblem problem = new AssignmentProblem(4, 3, 2, capacity, new int[3], (i, j) -> i + j,
				(i, j) -> false, List.of());

		AssignmentResult result = solver.solve(problem);

		assertThat(result.feasible()).isFalse();
		assertThat(result.shortOfReviewers()).isNotEmpty();
		assertThat(result.explanation()).contains("room for 6 reviews but 8 are needed");
	}

	@Test
	void applicationsCompetingForTheSameScarceReviewerAreNamed() {
		int[] capacity = { 1, 5, 5 };
		// Applications 0 and 1 may only be reviewed by reviewer 0, who takes one
		// application.
		AssignmentProblem problem = new AssignmentProblem(4, 3, 1, capacity, new int[3], (i, j) -> 1,
				(i, j) -> i < 2 && j != 0, List.of());

		AssignmentResult result = solver.solve(problem);

		assertThat(result.feasible()).isFalse();
		assertThat(result.shortOfReviewers()).hasSize(1).isSubsetOf(0, 1);
		assertThat(result.explanation()).contains("cannot all get 1 reviewers at once");
	}

	@Test
	void nonFiniteAffinityIsRejected() {
		AssignmentProblem problem = new AssignmentProblem(1, 2, 1, new int[] { 1, 1 }, new int[2], (i, j) -> Double.NaN,
				(i, j) -> false, List.of());

		assertThatThrownBy(() -> solver.solve(problem)).isInstanceOf(IllegalArgumentException.class);
	}

	/** A problem with its data in arrays, so that tests can check answers against it. */
	record Instance(AssignmentProblem problem) {

		static Instance random(Random random, int n, int r, int k, int minCap, int maxCap, double conflictShare,
				int maxFloor) {
			double[][] affinity = new double[n][r];
			boolean[][] conflicted = new boolean[n][r];
			for (int i = 0; i < n; i++) {
				for (int j = 0; j < r; j++) {
					affinity[i][j] = random.nextInt(1000) / 100.0;
					conflicted[i][j] = random.nextDouble() < conflictShare;
				}
			}
			int[] capacity = new int[r];
			int[] floor = new int[r];
			for (int j = 0; j < r; j++) {
				capacity[j] = minCap + random.nextInt(maxCap - minCap + 1);
				floor[j] = Math.min(capacity[j], random.nextInt(maxFloor + 1));
			}
			return new Instance(new AssignmentProblem(n, r, k, capacity, floor, (i, j) -> affinity[i][j],
					(i, j) -> conflicted[i][j], List.of()));
		}

		Instance withPin(Random random) {
			Pair pin = new Pair(random.nextInt(problem.applications()), random.nextInt(problem.reviewers()));
			return new Instance(new AssignmentProblem(problem.applications(), problem.reviewers(),
					problem.reviewsPerApplication(), problem.capacity(), problem.floor(), problem.affinity(),
					problem.conflicts(), List.of(pin)));
		}

		void assertHardConstraints(AssignmentResult result) {
			int[] perApplication = new int[problem.applications()];
			int[] load = new int[problem.reviewers()];
			for (Pair pair : result.assignments()) {
				perApplication[pair.application()]++;
				load[pair.reviewer()]++;
				assertThat(problem.conflicts().conflicted(pair.application(), pair.reviewer()))
					.as("conflicted pair %s assigned", pair)
					.isFalse();
			}
			assertThat(perApplication).containsOnly(problem.reviewsPerApplication());
			for (int j = 0; j < load.length; j++) {
				assertThat(load[j]).as("load of reviewer %d", j).isLessThanOrEqualTo(problem.capacity()[j]);
			}
			assertThat(result.assignments()).doesNotHaveDuplicates().containsAll(problem.pinned());
			double total = result.assignments()
				.stream()
				.mapToDouble(p -> problem.affinity().of(p.application(), p.reviewer()))
				.sum();
			assertThat(result.totalAffinity()).isCloseTo(total, within(1e-9));
		}

	}

	/**
	 * Tries every assignment: most floor places met first, then highest total affinity.
	 */
	static final class BruteForce {

		record Best(int floorPlaces, double affinity) {
		}

		static Best solve(AssignmentProblem problem) {
			int n = problem.applications();
			int k = problem.reviewsPerApplication();
			int[] load = new int[problem.reviewers()];
			List<Set<Integer>> pinned = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				pinned.add(new HashSet<>());
			}
			for (Pair pin : problem.pinned()) {
				if (problem.conflicts().conflicted(pin.application(), pin.reviewer())) {
					return null;
				}
				pinned.get(pin.application()).add(pin.reviewer());
				load[pin.reviewer()]++;
			}
			for (int j = 0; j < load.length; j++) {
				if (load[j] > problem.capacity()[j]) {
					return null;
				}
			}
			List<Pair> chosen = new ArrayList<>(problem.pinned());
			Best[] best = new Best[1];
			search(problem, 0, k, pinned, load, chosen, best);
			return best[0];
		}

		private static void search(AssignmentProblem problem, int application, int k, List<Set<Integer>> pinned,
				int[] load, List<Pair> chosen, Best[] best) {
			if (application == problem.applications()) {
				Best candidate = new Best(floorPlaces(problem, chosen),
						chosen.stream().mapToDouble(p -> problem.affinity().of(p.application(), p.reviewer())).sum());
				if (best[0] == null || candidate.floorPlaces() > best[0].floorPlaces()
						|| (candidate.floorPlaces() == best[0].floorPlaces()
								&& candidate.affinity() > best[0].affinity())) {
					best[0] = candidate;
				}
				return;
			}
			int need = k - pinned.get(application).size();
			if (need < 0) {
				return;
			}
			choose(problem, application, 0, need, k, pinned, load, chosen, best);
		}

		private static void choose(AssignmentProblem problem, int application, int from, int need, int k,
				List<Set<Integer>> pinned, int[] load, List<Pair> chosen, Best[] best) {
			if (need == 0) {
				search(problem, application + 1, k, pinned, load, chosen, best);
				return;
			}
			for (int j = from; j < problem.reviewers(); j++) {
				if (pinned.get(application).contains(j) || problem.conflicts().conflicted(application, j)
						|| load[j] >= problem.capacity()[j]) {
					continue;
				}
				load[j]++;
				chosen.add(new Pair(application, j));
				choose(problem, application, j + 1, need - 1, k, pinned, load, chosen, best);
				chosen.remove(chosen.size() - 1);
				load[j]--;
			}
		}

		static int floorPlaces(AssignmentProblem problem, List<Pair> assignments) {
			int[] load = new int[problem.reviewers()];
			for (Pair pair : assignments) {
				load[pair.reviewer()]++;
			}
			int places = 0;
			for (int j = 0; j < load.length; j++) {
				places += Math.min(load[j], problem.floor()[j]);
			}
			return places;
		}

	}

}
