package kr.aifellows.portal.gpu;

import java.util.List;

/**
 * The cluster's partitions and nodes.
 *
 * @param partitions partitions with totals
 * @param nodes every node
 */
public record ClusterCapacity(List<Partition> partitions, List<Node> nodes) {

	/** A partition (or GPU type) with its limits and GPU totals. */
	public record Partition(String name, int nodes, int gpusTotal, int gpusAllocated, long maxTimeSeconds) {
	}

	/** A node with its GPUs. */
	public record Node(String name, String partition, String state, int gpusTotal, int gpusAllocated) {
	}

}
