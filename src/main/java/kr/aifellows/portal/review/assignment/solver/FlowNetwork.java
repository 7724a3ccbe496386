package kr.aifellows.portal.review.assignment.solver;

import java.util.ArrayDeque;
import java.util.Arrays;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;

// A min-cost flow network solved by OR-Tools' cost-scaling push-relabel (SimpleMinCostFlow). The
// arcs are also kept in Java arrays because the residual graph is needed afterwards for node
// potentials, which OR-Tools' Java API does not expose.
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

	// When no flow meets every supply, the largest flow of least cost shows the caller
	// which
	// sources were left short.
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

	// Shortest-path distances in the residual graph from a virtual root joined to every
	// node at
	// cost 0 (SPFA). At an optimal flow the residual graph has no negative cycle, so
	// these are
	// feasible potentials: every residual arc u→v has cost(u,v) + d(u) - d(v) ≥ 0, and an
	// arc left
	// out of the network with a negative reduced cost is one that could improve the
	// solution.
	// Null when a negative cycle shows the flow is not optimal.
	long[] residualPotentials() {
		Residual residual = residual();
		int[] start = residual.start();
		int[] to = residual.to();
		long[] weight = residual.weight();
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

	// Nodes reachable from the given ones along arcs with residual capacity: after a
	// maximum flow,
	// the side of a minimum cut that holds the sources left short.
	boolean[] residualReach(int[] sources) {
		Residual residual = residual();
		boolean[] reached = new boolean[nodes];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int source : sources) {
			if (!reached[source]) {
				reached[source] = true;
				queue.add(source);
			}
		}
		while (!queue.isEmpty()) {
			int u = queue.poll();
			for (int s = residual.start()[u]; s < residual.start()[u + 1]; s++) {
				int v = residual.to()[s];
				if (!reached[v]) {
					reached[v] = true;
					queue.add(v);
				}
			}
		}
		return reached;
	}

	private Residual residual() {
		int[] start = new int[nodes + 1];
		for (int a = 0; a < arcs; a++) {
			if (flow[a] < capacity[a]) {
				start[tail[a] + 1]++;
			}
			if (flow[a] > 0) {
				start[head[a] + 1]++;
			}
		}
		for (int v = 0; v < nodes; v++) {
			start[v + 1] += start[v];
		}
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
		return new Residual(start, to, weight);
	}

	private record Residual(int[] start, int[] to, long[] weight) {
	}

}
