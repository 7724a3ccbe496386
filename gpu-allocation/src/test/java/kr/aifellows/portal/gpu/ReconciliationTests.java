package kr.aifellows.portal.gpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.gpu.local.LocalSandboxLauncher;
import kr.aifellows.portal.gpu.local.LocalSandboxProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static kr.aifellows.portal.gpu.GpuTestSupport.assertLedgerConsistent;
import static kr.aifellows.portal.gpu.GpuTestSupport.grant;
import static kr.aifellows.portal.gpu.GpuTestSupport.newFellow;
import static kr.aifellows.portal.gpu.GpuTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage is never lost: jobs that end while the portal is down are charged, exactly once,
 * by the next portal's reconciliation from the launcher's records.
 */
@PortalIntegrationTest
class ReconciliationTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	GpuAllocations allocations;

	@Test
	void aJobThatEndsWhileThePortalIsDownIsChargedOnceAfterTheRestart() throws Exception {
		Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-jobs");
		long fellow = newFellow();
		grant(allocations, fellow, 100_000);
		GpuJob finishedWhileDown;
		GpuJob runningAtShutdown;
		GpuJob runningAtCrash;
		try (LocalSandboxLauncher before = launcher(directory)) {
			GpuJobs portal = portal(before);
			finishedWhileDown = portal.submit(request(fellow, "sleep 1; echo finished", 2, Duration.ofMinutes(5)));
			runningAtShutdown = portal.submit(request(fellow, "echo started; sleep 60", 1, Duration.ofMinutes(5)));
			runningAtCrash = portal.submit(request(fellow, "echo started; sleep 60", 1, Duration.ofMinutes(5)));
			awaitResult(before, finishedWhileDown.externalId());
			Thread.sleep(1500);
		}
		// A crash leaves no result behind: the next portal finds only what the job
		// started.
		Files.delete(directory.resolve(runningAtCrash.externalId()).resolve("result.properties"));

		try (LocalSandboxLauncher after = launcher(directory)) {
			GpuJobs portal = portal(after);
			portal.reconcileAll();
			portal.reconcileAll();

			GpuJob finished = portal.find(fellow, finishedWhileDown.id()).orElseThrow();
			assertThat(finished.state()).isEqualTo(JobState.COMPLETED);
			assertThat(finished.chargedSeconds()).isEqualTo(2 * finished.elapsedSeconds()).isPositive();
			GpuJob stopped = portal.find(fellow, runningAtShutdown.id()).orElseThrow();
			assertThat(stopped.state()).isEqualTo(JobState.FAILED);
			assertThat(stopped.chargedSeconds()).isPositive();
			GpuJob crashed = portal.find(fellow, runningAtCrash.id()).orElseThrow();
			assertThat(crashed.state()).isEqualTo(JobState.FAILED);
			assertThat(crashed.reason()).contains("portal stopped");
			assertThat(crashed.chargedSeconds()).isPositive();
		}
		JdbcClient jdbc = JdbcClient.create(dataSource);
		assertThat(jdbc.sql("select count(*) from gpu_ledger where account_id = ? and kind = 'CHARGE'")
			.param(fellow)
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(allocations.balance(fellow).held()).isZero();
		assertLedgerConsistent(jdbc, allocations, fellow);
	}

	@Test
	void aJobWhoseLauncherIdWasNeverKeptIsFoundByTheLauncherAndChargedInsteadOfFailed() throws Exception {
		Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "recovered-jobs");
		long fellow = newFellow();
		grant(allocations, fellow, 100_000);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		try (LocalSandboxLauncher launcher = launcher(directory)) {
			GpuJob job = portal(launcher).submit(request(fellow, "echo recovered", 1, Duration.ofMinutes(5)));
			awaitResult(launcher, job.externalId());
			// The portal stopped between the launcher accepting the job and keeping its
			// id.
			jdbc.sql("update gpu_job set external_id = null where id = ?").param(job.id()).update();
			JobLauncher remembering = new RememberingLauncher(launcher, job.id(), job.externalId());
			Clock later = Clock.offset(Clock.systemUTC(), GpuProperties.defaults().launchTimeout().plusMinutes(1));

			new GpuJobs(dataSource, transactionManager, remembering, GpuProperties.defaults(), later).reconcileAll();

			GpuJob recovered = portal(launcher).find(fellow, job.id()).orElseThrow();
			assertThat(recovered.state()).isEqualTo(JobState.COMPLETED);
			assertThat(recovered.externalId()).isEqualTo(job.externalId());
			assertThat(recovered.chargedSeconds()).isEqualTo(recovered.elapsedSeconds());
		}
		assertLedgerConsistent(jdbc, allocations, fellow);
	}

	/** The local launcher, able to name one job it ran when asked to recover it. */
	private record RememberingLauncher(LocalSandboxLauncher delegate, long jobId,
			String externalId) implements JobLauncher {

		@Override
		public String name() {
			return delegate.name();
		}

		@Override
		public String submit(JobSpec spec) {
			return delegate.submit(spec);
		}

		@Override
		public Map<String, JobStatus> statuses(Collection<String> externalIds) {
			return delegate.statuses(externalIds);
		}

		@Override
		public void cancel(String id) {
			delegate.cancel(id);
		}

		@Override
		public Optional<JobAccounting> accounting(String id) {
			return delegate.accounting(id);
		}

		@Override
		public String logTail(String id, int maxBytes) {
			return delegate.logTail(id, maxBytes);
		}

		@Override
		public ClusterCapacity capacity() {
			return delegate.capacity();
		}

		@Override
		public Optional<String> recover(long id) {
			return id == jobId ? Optional.of(externalId) : Optional.empty();
		}
	}

	private GpuJobs portal(LocalSandboxLauncher launcher) {
		return new GpuJobs(dataSource, transactionManager, launcher, GpuProperties.defaults(), Clock.systemUTC());
	}

	private static LocalSandboxLauncher launcher(Path directory) {
		return new LocalSandboxLauncher(LocalSandboxProperties.defaults(directory), Clock.systemUTC());
	}

	private static void awaitResult(LocalSandboxLauncher launcher, String externalId) throws InterruptedException {
		for (int i = 0; i < 600 && launcher.accounting(externalId).isEmpty(); i++) {
			Thread.sleep(50);
		}
		assertThat(launcher.accounting(externalId)).isPresent();
	}

}
