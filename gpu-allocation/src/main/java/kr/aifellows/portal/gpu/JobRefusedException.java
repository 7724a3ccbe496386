package kr.aifellows.portal.gpu;

/**
 * A job was not admitted; nothing was held. Says which limit refused it and by how much.
 *
 * @see Limit
 */
public class JobRefusedException extends RuntimeException {

	/** The rule a refused job broke. */
	public enum Limit {

		/**
		 * The name is empty, too long or has characters other than letters, digits, '.',
		 * '-', '_'.
		 */
		NAME,
		/** The script is empty or too long. */
		SCRIPT,
		/** Too many or too large input files, or a bad file name. */
		INPUT_FILES,
		/** GPUs per node outside 1..max. */
		GPUS_PER_NODE,
		/** Nodes outside 1..max. */
		NODES,
		/** Time limit zero, negative or beyond the maximum. */
		TIME_LIMIT,
		/** No such partition. */
		PARTITION,
		/** No allocation is valid now. */
		NO_ALLOCATION,
		/** The fellow's queued and running jobs would hold more GPUs than allowed. */
		CONCURRENT_GPUS,
		/** The hold is larger than the balance left. */
		BALANCE,
		/**
		 * The launcher needs the fellow's cluster user and none is set (or it is not a
		 * valid name).
		 */
		CLUSTER_USER

	}

	private final Limit limit;

	private final long requested;

	private final long allowed;

	public JobRefusedException(Limit limit, long requested, long allowed) {
		super(limit + ": requested " + requested + ", allowed " + allowed);
		this.limit = limit;
		this.requested = requested;
		this.allowed = allowed;
	}

	public Limit limit() {
		return limit;
	}

	/**
	 * What the job asked for, in the limit's unit (GPUs, nodes, seconds, GPU-seconds).
	 */
	public long requested() {
		return requested;
	}

	/** What the limit allows (for CONCURRENT_GPUS and BALANCE: what is left). */
	public long allowed() {
		return allowed;
	}

	/** By how much the request exceeds the limit (0 where that is not a number). */
	public long excess() {
		return Math.max(0, requested - allowed);
	}

}
