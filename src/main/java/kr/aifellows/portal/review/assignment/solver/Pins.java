package kr.aifellows.portal.review.assignment.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

// The chair's pinned pairs and what they leave to the flow: each application's remaining need,
// each reviewer's room under the cap and floor still to meet; or why the pins alone make the
// problem infeasible (a conflicted pin, more than k pins, more pins than a reviewer's cap).
final class Pins {

	private static final int[] NONE = new int[0];

	private final AssignmentProblem problem;

	private final int n;

	private final int r;

	private final int k;

	private final List<AssignmentProblem.Pair> pins = new ArrayList<>();

	private final int[][] byApplication;

	private final int[] perReviewer;

	private final int[] need;

	private final int[] room;

	private final int[] floorLeft;

	private final TreeSet<Integer> conflicted = new TreeSet<>();

	private final TreeSet<Integer> overPinned = new TreeSet<>();

	private final TreeSet<Integer> beyondCap = new TreeSet<>();

	private long totalNeed;

	private long totalRoom;

	private boolean floors;

	Pins(AssignmentProblem problem) {
		this.problem = problem;
		this.n = problem.applications();
		this.r = problem.reviewers();
		this.k = problem.reviewsPerApplication();
		this.byApplication = new int[n][];
		this.perReviewer = new int[r];
		this.need = new int[n];
		this.room = new int[r];
		this.floorLeft = new int[r];
		int[] perApplication = read();
		index(perApplication);
		countNeed(perApplication);
		countRoom();
	}

	private int[] read() {
		List<AssignmentProblem.Pair> pinned = problem.pinned() == null ? List.of() : problem.pinned();
		Set<AssignmentProblem.Pair> seen = new HashSet<>();
		int[] perApplication = new int[n];
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
			perReviewer[pin.reviewer()]++;
		}
		return perApplication;
	}

	private void index(int[] perApplication) {
		for (int i = 0; i < n; i++) {
			byApplication[i] = perApplication[i] == 0 ? NONE : new int[perApplication[i]];
		}
		int[] fill = new int[n];
		for (AssignmentProblem.Pair pin : pins) {
			byApplication[pin.application()][fill[pin.application()]++] = pin.reviewer();
		}
		for (int[] reviewers : byApplication) {
			Arrays.sort(reviewers);
		}
	}

	private void countNeed(int[] perApplication) {
		for (int i = 0; i < n; i++) {
			need[i] = k - perApplication[i];
			if (need[i] < 0) {
				overPinned.add(i);
				need[i] = 0;
			}
			totalNeed += need[i];
		}
	}

	private void countRoom() {
		for (int j = 0; j < r; j++) {
			room[j] = problem.capacity()[j] - perReviewer[j];
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
			floorLeft[j] = Math.max(0, Math.min(room[j], floor - perReviewer[j]));
			floors |= floorLeft[j] > 0;
		}
	}

	boolean feasible() {
		return conflicted.isEmpty() && overPinned.isEmpty() && beyondCap.isEmpty();
	}

	// The applications the pins make infeasible, in order.
	List<Integer> blocked() {
		TreeSet<Integer> all = new TreeSet<>(conflicted);
		all.addAll(overPinned);
		all.addAll(beyondCap);
		return new ArrayList<>(all);
	}

	String explanation() {
		List<String> reasons = new ArrayList<>();
		if (!conflicted.isEmpty()) {
			reasons.add(
					"%d application(s) have a pinned reviewer they conflict with; unpin the pair or waive the conflict."
						.formatted(conflicted.size()));
		}
		if (!overPinned.isEmpty()) {
			reasons.add("%d application(s) have more than %d pinned reviewers.".formatted(overPinned.size(), k));
		}
		if (!beyondCap.isEmpty()) {
			reasons.add(
					"Some reviewers have more pinned applications than their load cap allows (%d application(s) affected)."
						.formatted(beyondCap.size()));
		}
		return String.join(" ", reasons);
	}

	boolean pinned(int application, int reviewer) {
		int[] reviewers = byApplication[application];
		return reviewers.length > 0 && Arrays.binarySearch(reviewers, reviewer) >= 0;
	}

	boolean eligible(int application, int reviewer) {
		return room[reviewer] > 0 && !pinned(application, reviewer);
	}

	// The reviewers pinned to an application, sorted.
	int[] of(int application) {
		return byApplication[application];
	}

	// Reviewers the application still needs beyond its pins.
	int need(int application) {
		return need[application];
	}

	// Applications the reviewer can still take under their cap, beyond their pins.
	int room(int reviewer) {
		return room[reviewer];
	}

	// Of the reviewer's floor, what the pins leave to meet (never more than their room).
	int floorLeft(int reviewer) {
		return floorLeft[reviewer];
	}

	long totalNeed() {
		return totalNeed;
	}

	long totalRoom() {
		return totalRoom;
	}

	// Whether any reviewer has a floor left to meet.
	boolean floors() {
		return floors;
	}

}
