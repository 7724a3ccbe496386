package kr.aifellows.portal.gpu;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Runs fellows' jobs somewhere: on this host in a sandbox, or on a Slurm cluster. Every
 * method may be called again after a portal restart with the external ids the portal
 * kept.
 */
public interface JobLauncher {

	/** A short name for pages and health ("local", "slurm"). */
	String name();

	/**
	 * Starts (or queues) the job and returns the launcher's id for it; throws
	 * {@link LaunchException} when refused.
	 */
	String submit(JobSpec spec);

	/**
	 * Current states of the given jobs; ids the launcher no longer knows are left out.
	 */
	Map<String, JobStatus> statuses(Collection<String> externalIds);

	/** Asks the job to stop; a finished or unknown job is left alone. */
	void cancel(String externalId);

	/** Final accounting of a finished job, or empty while it still runs or is unknown. */
	Optional<JobAccounting> accounting(String externalId);

	/** The last {@code maxBytes} of the job's output. */
	String logTail(String externalId, int maxBytes);

	/** Partitions and nodes with their GPUs. */
	ClusterCapacity capacity();

	/**
	 * The launcher's id of a job the portal started but whose id it did not keep (it
	 * stopped right after submitting), when the launcher can still find the job; empty
	 * otherwise.
	 */
	default Optional<String> recover(long jobId) {
		return Optional.empty();
	}

	/**
	 * Checks that jobs can run as this cluster user (already a valid POSIX name); throws
	 * {@link ClusterUserException} when they can not. Launchers that do not run jobs as
	 * the fellow's user accept every name.
	 */
	default void checkClusterUser(String name) {
	}

	/**
	 * Whether jobs can be started now. Checked again periodically and before a submit, so
	 * that a host that was repaired (bubblewrap installed, the cluster back) is seen
	 * without a restart.
	 */
	default LauncherHealth health() {
		return LauncherHealth.ready(Instant.now());
	}

	/**
	 * Removes the files a finished job left on the host (its script, work directory and
	 * logs), at the end of its fellow's records' retention. A job that is still known to
	 * run is left alone. Links in what the job wrote are removed as links, never
	 * followed.
	 */
	default void discardFiles(long jobId, String externalId) {
	}

	/**
	 * Whether a fellow must have a cluster user before submitting (Slurm:
	 * {@code require-cluster-user}).
	 */
	default boolean requiresClusterUser() {
		return false;
	}

}
