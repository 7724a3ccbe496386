package kr.aifellows.portal.gpu;

import java.time.Duration;
import java.util.Map;

/**
 * A fellow's request to run a job.
 *
 * @param accountId the fellow's portal account id
 * @param name a short name: letters, digits, dot, dash and underscore
 * @param script the batch script, run by {@code /bin/sh}
 * @param nodes nodes (1 on the local launcher)
 * @param gpusPerNode GPUs on each node
 * @param partition partition or GPU type, as {@link GpuJobs#capacity()} lists them
 * @param timeLimit hard wall-time limit
 * @param clusterUser the fellow's cluster user, or null
 * @param inputFiles small input files by name
 */
public record JobRequest(long accountId, String name, String script, int nodes, int gpusPerNode, String partition,
		Duration timeLimit, String clusterUser, Map<String, byte[]> inputFiles) {

	public JobRequest {
		inputFiles = inputFiles == null ? Map.of() : Map.copyOf(inputFiles);
	}

	public int gpus() {
		return nodes * gpusPerNode;
	}

	/** GPU-seconds this job holds while it is queued or running. */
	public long holdSeconds() {
		return (long) gpus() * (timeLimit == null ? 0 : timeLimit.toSeconds());
	}

}
