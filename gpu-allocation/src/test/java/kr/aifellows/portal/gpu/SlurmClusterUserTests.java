package kr.aifellows.portal.gpu;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.gpu.slurm.SlurmDevCluster;
import kr.aifellows.portal.gpu.slurm.SlurmLauncher;
import kr.aifellows.portal.gpu.slurm.SlurmProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static kr.aifellows.portal.gpu.GpuTestSupport.assertLedgerConsistent;
import static kr.aifellows.portal.gpu.GpuTestSupport.grant;
import static kr.aifellows.portal.gpu.GpuTestSupport.newFellow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A fellow's cluster user on the real Slurm dev cluster: checked on the submit host and
 * in Slurm's accounts when it is set, required by {@code require-cluster-user}, and the
 * user the fellow's jobs run as.
 */
@PortalIntegrationTest
class SlurmClusterUserTests {

	/**
	 * A system user that dev-cluster.sh makes and associates with the account "fellows".
	 */
	static final String CLUSTER_USER = "aiffellow";

	private static SlurmProperties cluster;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	GpuAllocations allocations;

	@BeforeAll
	static void startCluster() {
		cluster = SlurmDevCluster.start();
	}

	@Test
	void aJobOfAFellowWithAClusterUserRunsAsThatUserAndOneWithoutIsRefusedWhenRequired() {
		GpuJobs jobs = jobs(true);
		long fellow = newFellow();
		grant(allocations, fellow, 3600);

		assertThat(jobs.requiresClusterUser()).isTrue();
		assertThatThrownBy(() -> jobs.submit(request(fellow, null))).isInstanceOfSatisfying(JobRefusedException.class,
				ex -> assertThat(ex.limit()).isEqualTo(JobRefusedException.Limit.CLUSTER_USER));
		assertThat(allocations.balance(fellow).held()).as("nothing held").isZero();
		assertThat(jobs.countJobs(fellow)).isZero();

		assertThat(jobs.assignClusterUser(fellow, CLUSTER_USER)).hasValue(CLUSTER_USER);
		GpuJob job = jobs.submit(request(fellow, jobs.clusterUser(fellow).orElseThrow()));
		assertThat(job.externalId()).isNotNull();
		GpuJob settled = awaitSettled(jobs, job);

		assertThat(settled.state()).isEqualTo(JobState.COMPLETED);
		String[] sacct = SlurmDevCluster
			.raw("sacct", "-X", "-n", "-P", "-j", job.externalId(), "--format=User,ElapsedRaw")
			.out()
			.strip()
			.split("\\|");
		assertThat(sacct[0]).as("the user Slurm ran the job as").isEqualTo(CLUSTER_USER);
		assertThat(settled.chargedSeconds()).isEqualTo(2 * Long.parseLong(sacct[1]));
		assertThat(jobs.logTail(fellow, job.id(), 1000)).contains("running as " + CLUSTER_USER);
		assertLedgerConsistent(JdbcClient.create(dataSource), allocations, fellow);
	}

	@Test
	void aClusterUserIsCheckedOnTheSubmitHostAndInSlurmAndGivenToOneFellowOnly() {
		GpuJobs jobs = jobs(false);
		long fellow = newFellow();
		long other = newFellow();

		assertThat(jobs.requiresClusterUser()).isFalse();
		assertProblem(() -> jobs.assignClusterUser(fellow, "Kim Fellow"), ClusterUserException.Problem.INVALID_NAME);
		assertProblem(() -> jobs.assignClusterUser(fellow, "x;id"), ClusterUserException.Problem.INVALID_NAME);
		assertProblem(() -> jobs.assignClusterUser(fellow, "a".repeat(33)), ClusterUserException.Problem.INVALID_NAME);
		assertProblem(() -> jobs.assignClusterUser(fellow, "no-such-user-here"),
				ClusterUserException.Problem.UNKNOWN_USER);
		// A real user of this host without an association in Slurm's account: every job
		// would be refused.
		assertProblem(() -> jobs.assignClusterUser(fellow, "sys"), ClusterUserException.Problem.NOT_IN_ACCOUNT);
		assertThat(jobs.clusterUser(fellow)).as("nothing kept after a refusal").isEmpty();

		assertThat(jobs.assignClusterUser(fellow, "nobody")).hasValue("nobody");
		assertProblem(() -> jobs.assignClusterUser(other, "nobody"), ClusterUserException.Problem.TAKEN);
		assertThat(jobs.clusterUser(other)).isEmpty();
		assertThat(jobs.assignClusterUser(fellow, " ")).isEmpty();
		assertThat(jobs.clusterUser(fellow)).isEmpty();
		assertThat(jobs.assignClusterUser(other, "nobody")).as("free again once cleared").hasValue("nobody");
		assertThat(jobs.assignClusterUser(other, null)).isEmpty();
	}

	private static void assertProblem(Runnable call, ClusterUserException.Problem problem) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(ClusterUserException.class,
				ex -> assertThat(ex.problem()).isEqualTo(problem));
	}

	private GpuJobs jobs(boolean requireClusterUser) {
		SlurmProperties properties = new SlurmProperties(cluster.conf(), cluster.binDir(), cluster.jobsDir(),
				cluster.account(), null, null, null, null, null, null, requireClusterUser);
		return new GpuJobs(dataSource, transactionManager, new SlurmLauncher(properties), GpuProperties.defaults(),
				Clock.systemUTC());
	}

	private static JobRequest request(long fellow, String clusterUser) {
		return new JobRequest(fellow, "as-cluster-user", "echo \"running as $(id -un)\"; sleep 1", 1, 2, "gpu",
				Duration.ofMinutes(5), clusterUser, Map.of());
	}

	/**
	 * Follows only this test's job: the shared database holds other tests' jobs of other
	 * launchers.
	 */
	private static GpuJob awaitSettled(GpuJobs jobs, GpuJob job) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			GpuJob now = jobs.find(job.id()).orElseThrow();
			if (now.settled()) {
				return now;
			}
			jobs.reconcile(List.of(now));
			SlurmDevCluster.sleep(250);
		}
		throw new AssertionError("job " + job.id() + " was not settled within 60 s");
	}

}
