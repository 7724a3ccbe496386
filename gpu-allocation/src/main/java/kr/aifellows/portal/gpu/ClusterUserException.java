package kr.aifellows.portal.gpu;

/**
 * A cluster user name that can not be given to a fellow; nothing was changed.
 */
public class ClusterUserException extends RuntimeException {

	/** Why the name was refused. */
	public enum Problem {

		/** Not a POSIX user name: {@code [a-z_][a-z0-9_-]{0,31}}. */
		INVALID_NAME,
		/**
		 * The launcher's host has no such user (Slurm: {@code id -u NAME} fails on the
		 * submit host).
		 */
		UNKNOWN_USER,
		/**
		 * The user has no association with the launcher's account (Slurm:
		 * {@code sacctmgr}).
		 */
		NOT_IN_ACCOUNT,
		/** Another fellow has this cluster user already. */
		TAKEN

	}

	private final Problem problem;

	private final String name;

	public ClusterUserException(Problem problem, String name) {
		super(problem + ": " + name);
		this.problem = problem;
		this.name = name;
	}

	public Problem problem() {
		return problem;
	}

	/** The name as it was given. */
	public String name() {
		return name;
	}

}
