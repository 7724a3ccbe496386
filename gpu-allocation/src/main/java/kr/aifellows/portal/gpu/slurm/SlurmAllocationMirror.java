package kr.aifellows.portal.gpu.slurm;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import kr.aifellows.portal.gpu.LaunchException;

/**
 * Mirrors a fellow's GPU-hour grant into Slurm's accounting, so that the cluster enforces
 * the quota too: the fellow's association (cluster user in the launcher's account) gets
 * {@code GrpTRESMins=gres/gpu=<granted GPU-minutes>}. The cluster must not decay usage
 * ({@code PriorityDecayHalfLife=0}, {@code PriorityUsageResetPeriod=NONE}) and must
 * enforce limits ({@code AccountingStorageEnforce=associations,limits,safe}), as the dev
 * cluster does. Slurm then holds a job that could overrun the grant with reason
 * {@code AssocGrpGRESMinutes}.
 */
public class SlurmAllocationMirror {

	private static final Pattern UNIX_NAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

	private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private final SlurmProperties properties;

	private final SlurmCommands commands;

	public SlurmAllocationMirror(SlurmProperties properties) {
		this.properties = properties;
		this.commands = new SlurmCommands(properties);
	}

	/**
	 * Sets the fellow's total GPU budget: everything granted so far (not the balance:
	 * Slurm subtracts what the fellow's jobs used itself), rounded down to whole
	 * GPU-minutes.
	 */
	public void grant(String portalUser, long grantedGpuSeconds) {
		if (grantedGpuSeconds < 0) {
			throw new IllegalArgumentException("A grant can not be negative");
		}
		set(portalUser, String.valueOf(grantedGpuSeconds / 60));
	}

	/** Lifts the limit (the portal's own admission still applies). */
	public void clear(String portalUser) {
		set(portalUser, "-1");
	}

	/** The fellow's GPU-minute limit in Slurm, or empty when none is set. */
	public OptionalLong limitMinutes(String portalUser) {
		var user = user(portalUser);
		var out = sacctmgr(List.of("--noheader", "--parsable2", "show", "assoc", "where", "user=" + user,
				"account=" + account(user), "format=GrpTRESMins"));
		var minutes = SlurmOutput.gpus(out.strip());
		return out.contains("gres/gpu=") ? OptionalLong.of(minutes) : OptionalLong.empty();
	}

	private void set(String portalUser, String minutes) {
		var user = user(portalUser);
		var account = account(user);
		var existing = sacctmgr(List.of("--noheader", "--parsable2", "show", "assoc", "where", "user=" + user,
				"account=" + account, "format=User"));
		if (existing.isBlank()) {
			sacctmgr(List.of("--immediate", "--quiet", "add", "user", user, "account=" + account));
		}
		sacctmgr(List.of("--immediate", "--quiet", "modify", "user", "where", "name=" + user, "account=" + account,
				"set", "GrpTRESMins=gres/gpu=" + minutes));
	}

	private String user(String portalUser) {
		var user = properties.clusterUser(portalUser);
		if (user == null || !UNIX_NAME.matcher(user).matches()) {
			throw new LaunchException("'" + portalUser + "' has no valid cluster user");
		}
		return user;
	}

	private String account(String user) {
		var account = properties.accountFor(user);
		if (account == null || !ACCOUNT.matcher(account).matches()) {
			throw new LaunchException("No Slurm account is configured (portal.gpu.slurm.account)");
		}
		return account;
	}

	private String sacctmgr(List<String> arguments) {
		var result = commands.run("sacctmgr", arguments);
		if (!result.ok()) {
			throw new LaunchException("sacctmgr failed: " + result.errorMessage());
		}
		return result.out();
	}

}
