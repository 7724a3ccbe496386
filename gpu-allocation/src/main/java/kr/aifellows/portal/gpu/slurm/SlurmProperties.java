package kr.aifellows.portal.gpu.slurm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Slurm launcher ({@code portal.gpu.launcher=slurm}).
 *
 * @param conf the cluster's slurm.conf (passed as SLURM_CONF), or null for Slurm's own
 * default
 * @param binDir where sbatch, squeue, sacct, scancel, scontrol and sacctmgr are, or null
 * to use /usr/bin
 * @param jobsDir where job work directories (script, inputs, output) are made; the nodes
 * must see it
 * @param account the Slurm account jobs are charged to, or null for the user's default
 * account
 * @param defaultPartition the partition of jobs that name none, or null for the cluster's
 * default
 * @param clusterUsers the portal's cluster-user names mapped to Unix users on the cluster
 * (a name not listed is used as it is)
 * @param accounts Slurm accounts by cluster user, for users not charged to
 * {@code account}
 * @param submitAsClusterUser whether jobs run as the fellow's cluster user
 * ({@code --uid/--gid}, only possible when the portal runs as root); otherwise they run
 * as the portal's user
 * @param commandTimeout how long one Slurm command may take
 * @param capacityCacheTtl how long a capacity snapshot is reused (the cluster page at
 * 2,250 nodes)
 * @param requireClusterUser whether a fellow without a cluster user (set by an
 * administrator) is refused instead of running as the portal's user (default false)
 */
@ConfigurationProperties("portal.gpu.slurm")
public record SlurmProperties(Path conf, Path binDir, Path jobsDir, String account, String defaultPartition,
		Map<String, String> clusterUsers, Map<String, String> accounts, Boolean submitAsClusterUser,
		Duration commandTimeout, Duration capacityCacheTtl, Boolean requireClusterUser) {

	public SlurmProperties {
		binDir = binDir == null ? Path.of("/usr/bin") : binDir;
		jobsDir = jobsDir == null ? Path.of("/tmp/aifellows-slurm/jobs") : jobsDir;
		clusterUsers = clusterUsers == null ? Map.of() : Map.copyOf(clusterUsers);
		accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
		submitAsClusterUser = submitAsClusterUser == null || submitAsClusterUser;
		commandTimeout = commandTimeout == null ? Duration.ofSeconds(30) : commandTimeout;
		capacityCacheTtl = capacityCacheTtl == null ? Duration.ofSeconds(5) : capacityCacheTtl;
		requireClusterUser = requireClusterUser != null && requireClusterUser;
	}

	/**
	 * Settings for the dev cluster of
	 * {@code gpu-allocation/launchers/slurm/dev-cluster.sh} in {@code stateDir}.
	 */
	public static SlurmProperties devCluster(Path stateDir, String account) {
		return new SlurmProperties(stateDir.resolve("etc/slurm.conf"), null, stateDir.resolve("jobs"), account, null,
				null, null, null, null, null, null);
	}

	String clusterUser(String portalName) {
		return portalName == null ? null : clusterUsers.getOrDefault(portalName, portalName);
	}

	String accountFor(String clusterUser) {
		return clusterUser == null ? account : accounts.getOrDefault(clusterUser, account);
	}

}
