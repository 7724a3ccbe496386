package kr.aifellows.portal.review.assignment;

import java.util.ArrayDeque;
import java.util.Arrays;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;

/**
 * A min-cost flow network kept in plain arrays and solved by OR-Tools' cost-scaling push-relabel
 * (SimpleMinCostFlow). The arrays stay on the Java side because the solver also needs the
 * residual graph afterwards to compute node potentials (OR-Tools' Java API exposes no duals).
 */
final class FlowNetwork {

	enum Outcome {

		OPTIMAL, INFEASIBLE, BAD_COST_RANGE

	}

	private static volatile boolean nativesLoaded;

	private final int nodes;

	private final long[] supply;

	private int arcs;

	private int[] tail;

	private int[] head;

	private long[] capacity;

	private long[] cost;

	private long[] flow;

	FlowNetwork(int nodes, int expectedArcs) {
		this.nodes = nodes;
		this.supply = new long[nodes];
		int initial = Math.max(16, expectedArcs);
		this.tail = new int[initial];
		this.head = new int[initial];
		this.capacity = new long[initial];
		this.cost = new long[initial];
	}

	static void loadNatives() {
		if (!nativesLoaded) {
			synchronized (FlowNetwork.class) {
				if (!nativesLoaded) {
					Loader.loadNativeLibraries();
					nativesLoaded = true;
				}
			}
		}
	}

	int addArc(int from, int to, long cap, long unitCost) {
		if (arcs == tail.length) {
			int grown = tail.length + (tail.length >> 1) + 16;
			tail = Arrays.copyOf(tail, grown);
			head = Arrays.copyOf(head, grown);
			capacity = Arrays.copyOf(capacity, grown);
			cost = Arrays.copyOf(cost, grown);
		}
		tail[arcs] = from;
		head[arcs] = to;
		capacity[arcs] = cap;
		cost[arcs] = unitCost;
		return arcs++;
	}

	void setSupply(int node, long amount) {
		supply[node] = amount;
	}

	int arcCount() {
		return arcs;
	}

	long flow(int arc) {
		return flow[arc];
	}

	/**
	 * Solves with every supply met exactly; when that is impossible, falls back to the largest
	 * flow of least cost so that the caller can see which sources were left short.
	 */
	Outcome solve() {
		loadNatives();
		MinCostFlow solver = new MinCostFlow(nodes, arcs);
		try {
			for (int a = 0; a < arcs; a++) {
				solver.addArcWithCapacityAndUnitCost(tail[a], head[a], capacity[a], cost[a]);
			}
			for (int v = 0; v < nodes; v++) {
				if (supply[v] != 0) {
					solver.setNodeSupply(v, supply[v]);
				}
			}
			MinCostFlowBase.Status status = solver.solve();
			Outcome outcome;
			if (status == MinCostFlowBase.Status.OPTIMAL) {
				outcome = Outcome.OPTIMAL;
			}
			else if (status == MinCostFlowBase.Status.BAD_COST_RANGE) {
				return Outcome.BAD_COST_RANGE;
			}
			else if (status == MinCostFlowBase.Status.INFEASIBLE || status == MinCostFlowBase.Status.UNBALANCED) {
				status = solver.solveMaxFlowWithMinCost();
				if (status == MinCostFlowBase.Status.BAD_COST_RANGE) {
					return Outcome.BAD_COST_RANGE;
				}
				if (status != MinCostFlowBase.Status.OPTIMAL) {
					throw new IllegalStateException("min-cost flow failed: " + status);
				}
				outcome = Outcome.INFEASIBLE;
			}
			else {
				throw new IllegalStateException("min-cost flow failed: " + status);
			}
			flow = new long[arcs];
			for (int a = 0; a < arcs; a++) {
				flow[a] = solver.getFlow(a);
			}
			return outcome;
		}
		finally {
			solver.delete();
		}
	}

	/**
	 * Shortest-path distances in the residual graph from a virtual root joined to every node at
	 * cost 0 (SPFA). At an optimal flow the residual graph has no negative cycle, so these are
	 * feasible potentials: every residual arc u→v has cost(u,v) + d(u) - d(v) ≥ 0. An arc left
	 * out of the network with a negative reduced cost is one that could improve the solution.
	 * @return the distances, or {@code null} if a negative cycle shows the flow is not optimal
	 */
	long[] residualPotentials() {
		int[] outDegree = new int[nodes + 1];
		for (int a = 0; a < arcs; a++) {
			if (flow[a] < capacity[a]) {
				outDegree[tail[a] + 1]++;
			}
			if (flow[a] > 0) {
				outDegree[head[a] + 1]++;
			}
		}
		for (int v = 0; v < nodes; v++) {
			outDegree[v + 1] += outDegree[v];
		}
		int[] start = outDegree;
		int[] fill = Arrays.copyOf(start, nodes);
		int[] to = new int[start[nodes]];
		long[] weight = new long[start[nodes]];
		for (int a = 0; a < arcs; a++) {
			if (flow[a] < capacity[a]) {
				int slot = fill[tail[a]]++;
				to[slot] = head[a];
				weight[slot] = cost[a];
			}
			if (flow[a] > 0) {
				int slot = fill[head[a]]++;
				to[slot] = tail[a];
				weight[slot] = -cost[a];
			}
		}
		long[] distance = new long[nodes];
		boolean[] queued = new boolean[nodes];
		int[] pops = new int[nodes];
		ArrayDeque<Integer> queue = new ArrayDeque<>(nodes);
		for (int v = 0; v < nodes; v++) {
			queue.add(v);
			queued[v] = true;
		}
		while (!queue.isEmpty()) {
			int u = queue.poll();
			queued[u] = false;
			if (++pops[u] > nodes + 1) {
				return null;
			}
			long du = distance[u];
			for (int s = start[u]; s < start[u + 1]; s++) {
				int v = to[s];
				long candidate = du + weight[s];
				if (candidate < distance[v]) {
					distance[v] = candidate;
					if (!queued[v]) {
						queued[v] = true;
						queue.add(v);
					}
				}
			}
		}
		return distance;
	}

}
