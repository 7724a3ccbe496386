package kr.aifellows.portal.review.assignment.solver;

import java.util.List;

/**
 * One call's reviewer assignment problem, by index: applications
 * {@code 0..applications-1}, reviewers {@code 0..reviewers-1}. The caller maps indexes to
 * its own ids.
 *
 * @param applications number of applications
 * @param reviewers number of reviewers
 * @param reviewsPerApplication exactly this many reviewers per application (hard
 * constraint)
 * @param capacity per reviewer, the most applications they may get (load cap)
 * @param floor per reviewer, the fewest applications they should get (0 when no floor)
 * @param affinity how well a reviewer fits an application (higher is better, finite)
 * @param conflicts pairs that must never be assigned
 * @param pinned pairs the chair fixed by hand; kept in every solution (never conflicted)
 */
public record AssignmentProblem(int applications, int reviewers, int reviewsPerApplication, int[] capacity, int[] floor,
		Affinity affinity, Conflicts conflicts, List<Pair> pinned) {

	/** Affinity of a reviewer for an application. */
	@FunctionalInterface
	public interface Affinity {

		double of(int application, int reviewer);

	}

	/** Whether a pair is conflicted. */
	@FunctionalInterface
	public interface Conflicts {

		boolean conflicted(int application, int reviewer);

	}

	/** An application and a reviewer. */
	public record Pair(int application, int reviewer) {
	}

}
