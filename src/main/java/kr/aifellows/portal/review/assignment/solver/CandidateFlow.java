package kr.aifellows.portal.review.assignment.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

// The min-cost flow over the candidate arcs: application → reviewer (capacity 1, cost = affinity
// scaled to integers and negated) → sink (the reviewer's room), floors as lower bounds or as a
// bonus; and what a solved network says (the chosen pairs, the applications left short, the cut).
final class CandidateFlow {

	// Integer cost steps across the whole affinity range: rounding moves the total by
	// less than
	// 1e-7 of the range per pair, while costs times nodes stay far from overflowing a
	// long.
	private static final long COST_RESOLUTION = 10_000_000L;

	private final Pins pins;

	private final Candidates candidates;

	private final int n;

	private final int r;

	private long resolution = COST_RESOLUTION;

	private double scale;

	private long floorBonus;

	private boolean floorsAsBounds = true;

	CandidateFlow(Pins pins, Candidates candidates, int applications, int reviewers) {
		this.pins = pins;
		this.candidates = candidates;
		this.n = applications;
		this.r = reviewers;
	}

	void prepareCosts() {
		double range = candidates.maxAffinity() - candidates.minAffinity();
		scale = range > 0 ? resolution / range : 0;
		// Larger than the cost difference of any two assignments, so that meeting one
		// more
		// floor place always beats any gain in affinity.
		floorBonus = pins.floors() ? pins.totalNeed() * resolution + 1 : 0;
	}

	long cost(double affinity) {
		return Math.round((candidates.maxAffinity() - affinity) * scale);
	}

	Solved solve() {
		while (true) {
			// Floors are tried as hard lower bounds first (a reviewer node that must
			// absorb its
			// floor): when they can all be met this is the same optimum and much faster
			// to solve
			// than the floor bonus, whose huge costs slow cost scaling down.
			boolean hard = pins.floors() && floorsAsBounds;
			int[] firstArc = new int[n + 1];
			FlowNetwork network = build(hard, firstArc);
			FlowNetwork.Outcome outcome = network.solve();
			if (outcome == FlowNetwork.Outcome.INFEASIBLE && hard) {
				floorsAsBounds = false;
				continue;
			}
			if (outcome != FlowNetwork.Outcome.BAD_COST_RANGE) {
				return new Solved(network, firstArc, outcome);
			}
			if (resolution <= 1000) {
				throw new IllegalStateException(
						"costs out of range for the flow solver even at resolution " + resolution);
			}
			resolution /= 10;
			prepareCosts();
		}
	}

	private FlowNetwork build(boolean hard, int[] firstArc) {
		int sink = n + r;
		FlowNetwork network = new FlowNetwork(n + r + 1, candidates.arcCount() + 2 * r);
		for (int i = 0; i < n; i++) {
			firstArc[i] = network.arcCount();
			int[] reviewers = candidates.reviewers(i);
			double[] affinities = candidates.affinities(i);
			for (int c = 0; c < reviewers.length; c++) {
				network.addArc(i, n + reviewers[c], 1, cost(affinities[c]));
			}
			network.setSupply(i, pins.need(i));
		}
		firstArc[n] = network.arcCount();
		long forced = 0;
		for (int j = 0; j < r; j++) {
			if (pins.floorLeft(j) > 0) {
				if (hard) {
					network.setSupply(n + j, -pins.floorLeft(j));
					forced += pins.floorLeft(j);
				}
				else {
					network.addArc(n + j, sink, pins.floorLeft(j), -floorBonus);
				}
			}
			if (pins.room(j) > pins.floorLeft(j)) {
				network.addArc(n + j, sink, pins.room(j) - pins.floorLeft(j), 0);
			}
		}
		network.setSupply(sink, -(pins.totalNeed() - forced));
		return network;
	}

	// The reviewers the flow gives each application beyond its pins.
	int[][] chosen(Solved solved) {
		int[][] chosen = new int[n][];
		for (int i = 0; i < n; i++) {
			int[] picked = new int[pins.need(i)];
			int count = 0;
			int[] reviewers = candidates.reviewers(i);
			for (int c = 0; c < reviewers.length; c++) {
				if (solved.network().flow(solved.firstArc()[i] + c) > 0) {
					picked[count++] = reviewers[c];
				}
			}
			chosen[i] = Arrays.copyOf(picked, count);
		}
		return chosen;
	}

	// Applications reachable in the residual graph from those left short: the source side
	// of a
	// minimum cut.
	boolean[] shortSide(Solved solved) {
		int[] deficient = shortApplications(solved).stream().mapToInt(Integer::intValue).toArray();
		return Arrays.copyOf(solved.network().residualReach(deficient), n);
	}

	List<Integer> shortApplications(Solved solved) {
		List<Integer> shortOnes = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long got = 0;
			for (int c = 0; c < candidates.reviewers(i).length; c++) {
				got += solved.network().flow(solved.firstArc()[i] + c);
			}
			if (got < pins.need(i)) {
				shortOnes.add(i);
			}
		}
		return shortOnes;
	}

	record Solved(FlowNetwork network, int[] firstArc, FlowNetwork.Outcome outcome) {
	}

}
