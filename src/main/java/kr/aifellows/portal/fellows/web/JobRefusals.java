package kr.aifellows.portal.fellows.web;

import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.JobRefusedException;

/**
 * How a refused job is explained, the same on the job form and in the API: the message
 * code, the form field at fault (null where the whole job is at fault) and the message's
 * arguments.
 */
final class JobRefusals {

	private JobRefusals() {
	}

	static String code(JobRefusedException ex) {
		return "job.refused." + ex.limit();
	}

	static String field(JobRefusedException.Limit limit) {
		return switch (limit) {
			case NAME -> "name";
			case SCRIPT -> "script";
			case GPUS_PER_NODE -> "gpusPerNode";
			case NODES -> "nodes";
			case TIME_LIMIT -> "timeLimitMinutes";
			case PARTITION -> "partition";
			case INPUT_FILES -> "files";
			case CONCURRENT_GPUS, BALANCE, NO_ALLOCATION, CLUSTER_USER -> null;
		};
	}

	static Object[] arguments(JobRefusedException ex, GpuHours hours) {
		return switch (ex.limit()) {
			case SCRIPT -> new Object[] { ex.allowed() };
			case INPUT_FILES -> new Object[] { GpuJobs.MAX_INPUT_FILES, GpuJobs.MAX_INPUT_FILE_BYTES / 1024 };
			case GPUS_PER_NODE, NODES -> new Object[] { ex.requested(), ex.allowed() };
			case TIME_LIMIT -> new Object[] { ex.requested() / 60, ex.allowed() / 60, Math.max(0, ex.excess() / 60) };
			case CONCURRENT_GPUS -> new Object[] { ex.requested(), ex.allowed(), ex.excess() };
			case BALANCE ->
				new Object[] { hours.format(ex.requested()), hours.format(ex.allowed()), hours.format(ex.excess()) };
			case NAME, PARTITION, NO_ALLOCATION, CLUSTER_USER -> null;
		};
	}

}
