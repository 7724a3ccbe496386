package kr.aifellows.portal.gpu.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs that ended while the portal was gone are found, with their accounting, by a new
 * launcher.
 */
class SlurmReconciliationTests {

	private static SlurmProperties cluster;

	@BeforeAll
	static void startCluster() {
		cluster = SlurmDevCluster.start();
	}

	@Test
	void aNewLauncherFindsJobsThatFinishedWhileNoneWasRunning() {
		var first = new SlurmLauncher(cluster);
		long jobId = System.nanoTime() % 1_000_000_000L;
		var ok = first.submit(new JobSpec(jobId, "before restart", "echo done; sleep 2", 1, 2, null,
				Duration.ofMinutes(5), null, Map.of()));
		var failing = first.submit(
				new JobSpec(jobId + 1, "before restart", "exit 7", 1, 1, null, Duration.ofMinutes(5), null, Map.of()));
		first = null;
		awaitGoneFromTheQueue(ok, failing);

		var second = new SlurmLauncher(cluster);
		var statuses = second.statuses(List.of(ok, failing, "999999999"));

		assertThat(statuses).containsOnlyKeys(ok, failing);
		assertThat(statuses.get(ok).state()).isEqualTo(JobState.COMPLETED);
		assertThat(statuses.get(failing).state()).isEqualTo(JobState.FAILED);
		assertThat(statuses.get(failing).exitCode()).isEqualTo(7);
		var used = second.accounting(ok).orElseThrow();
		assertThat(used.elapsedSeconds()).isGreaterThanOrEqualTo(2);
		assertThat(used.gpuSeconds()).isEqualTo(2 * used.elapsedSeconds());
		assertThat(second.logTail(ok, 1000)).contains("done");
	}

	@Test
	void aJobWhoseIdThePortalNeverKeptIsFoundByItsPortalJobId() {
		var launcher = new SlurmLauncher(cluster);
		long jobId = System.nanoTime() % 1_000_000_000L + 2_000_000_000L;
		var id = launcher
			.submit(new JobSpec(jobId, "id lost", "sleep 1", 1, 1, null, Duration.ofMinutes(5), null, Map.of()));

		var restarted = new SlurmLauncher(cluster);
		assertThat(restarted.externalIdOf(jobId, Duration.ofHours(1))).hasValue(id);
		awaitGoneFromTheQueue(id);
		assertThat(restarted.externalIdOf(jobId, Duration.ofHours(1))).as("after it ended").hasValue(id);
		assertThat(restarted.externalIdOf(jobId + 1, Duration.ofHours(1))).isEmpty();
	}

	@Test
	void afterAKill9OfThePortalWhileJobsRunEveryJobIsChargedExactlyOnce(@TempDir Path book)
			throws IOException, InterruptedException {
		int shortJobs = 2;
		int longJobs = 3;
		long firstId = System.nanoTime() % 1_000_000_000L + 1_000_000_000L;
		var portal = startPortal(book, firstId, shortJobs, longJobs);
		var charges = new ChargeBook(book);
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			while (charges.launched().size() < shortJobs + longJobs || charges.charged().size() < shortJobs) {
				assertThat(portal.isAlive()).as("the portal JVM runs (see %s)", book.resolve("portal.log")).isTrue();
				assertThat(System.nanoTime()).as("the portal launched and charged its short jobs").isLessThan(deadline);
				SlurmDevCluster.sleep(100);
			}
		}
		finally {
			portal.destroyForcibly();
		}
		assertThat(portal.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(portal.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		var launched = charges.launched();
		var stillRunning = new SlurmLauncher(cluster)
			.statuses(launched.stream().map(ChargeBook.Launched::externalId).toList())
			.values()
			.stream()
			.filter(status -> !status.state().isFinished())
			.count();
		assertThat(stillRunning).as("jobs still running when the portal died").isPositive();

		// the portal comes back: a new launcher, the same book, reconciliation until
		// every job is charged
		var restarted = new SlurmLauncher(cluster);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (charges.charged().size() < launched.size()) {
			charges.reconcile(restarted);
			assertThat(System.nanoTime()).as("every job charged after the restart").isLessThan(deadline);
			SlurmDevCluster.sleep(250);
		}
		assertThat(charges.reconcile(restarted)).isZero();
		assertThat(charges.reconcile(new SlurmLauncher(cluster))).isZero();

		assertThat(charges.chargeLines()).hasSize(launched.size());
		assertThat(charges.charged().keySet())
			.containsExactlyInAnyOrderElementsOf(launched.stream().map(ChargeBook.Launched::jobId).toList());
		for (var job : launched) {
			var sacct = SlurmDevCluster
				.raw("sacct", "-X", "-n", "-P", "-j", job.externalId(), "--format=ElapsedRaw,State")
				.out()
				.strip()
				.split("\\|");
			assertThat(sacct[1]).isEqualTo("COMPLETED");
			assertThat(charges.charged().get(job.jobId()).gpuSeconds()).as("job %s", job)
				.isEqualTo(job.gpus() * Long.parseLong(sacct[0]))
				.isPositive();
		}
	}

	private static Process startPortal(Path book, long firstId, int shortJobs, int longJobs) throws IOException {
		var classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, CrashingPortal.class.getName(), book.toString(), String.valueOf(firstId),
				String.valueOf(shortJobs), String.valueOf(longJobs)));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Files.createFile(book.resolve("portal.log")).toFile())
			.start();
	}

	private static void awaitGoneFromTheQueue(String... ids) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			var live = SlurmDevCluster.raw("squeue", "-h", "-j", String.join(",", ids), "-o", "%i").out();
			if (live.isBlank() || live.contains("Invalid job id")) {
				SlurmDevCluster.sleep(3000);
				return;
			}
			SlurmDevCluster.sleep(250);
		}
		throw new AssertionError("jobs " + String.join(",", ids) + " did not end");
	}

}
