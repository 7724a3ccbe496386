package kr.aifellows.portal.gpu;

import java.time.Duration;
import java.util.Map;

/**
 * What to run.
 *
 * @param jobId the portal's id of the job (unique, used in names and work directories)
 * @param name the fellow's name for the job (already validated, never passed through a
 * shell)
 * @param script the batch script or command
 * @param nodes number of nodes (1 for the local launcher)
 * @param gpusPerNode GPUs per node (1..8)
 * @param partition partition or GPU type
 * @param timeLimit hard wall-time limit
 * @param clusterUser the fellow's cluster user name, or null to run as the launcher's
 * default
 * @param inputFiles small input files by file name, placed in the job's work directory
 */
public record JobSpec(long jobId, String name, String script, int nodes, int gpusPerNode, String partition,
		Duration timeLimit, String clusterUser, Map<String, byte[]> inputFiles) {

	public int gpus() {
		return nodes * gpusPerNode;
	}

}
