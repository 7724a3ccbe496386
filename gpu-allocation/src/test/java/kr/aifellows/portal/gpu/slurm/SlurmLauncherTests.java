package kr.aifellows.portal.gpu.slurm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.LaunchException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Slurm launcher against the real dev cluster (4 nodes × 8 fake GPUs, partitions gpu
 * and short).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmLauncherTests {

	private static final Duration SOON = Duration.ofSeconds(60);

	private static final AtomicLong JOB_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 100);

	private static final List<String> SUBMITTED = new CopyOnWriteArrayList<>();

	private static SlurmLauncher launcher;

	/**
	 * Slurm enforces time limits once a minute or so: this job starts first and is
	 * checked last.
	 */
	private static String overrunning;

	@BeforeAll
	static void startCluster() {
		launcher = new SlurmLauncher(SlurmDevCluster.start());
		overrunning = submit(spec("overrun", "echo started; sleep 600", 1, 1, Duration.ofMinutes(1)));
	}

	/**
	 * Submits through the launcher and remembers the job, so that none outlives the
	 * class.
	 */
	private static String submit(JobSpec spec) {
		var id = launcher.submit(spec);
		SUBMITTED.add(id);
		return id;
	}

	@AfterAll
	static void cancelWhatIsLeft() {
		SUBMITTED.forEach(launcher::cancel);
	}

	static JobSpec spec(String name, String script, int nodes, int gpusPerNode, Duration limit) {
		return new JobSpec(JOB_IDS.incrementAndGet(), name, script, nodes, gpusPerNode, null, limit, null, Map.of());
	}

	@Test
	@Order(1)
	void aJobIsQueuedRunsAndCompletesWithItsExitCodeAndOutput() {
		var id = submit(spec("hello", "echo hello from $SLURM_JOB_ID; sleep 1", 1, 1, Duration.ofMinutes(5)));

		var seen = launcher.statuses(List.of(id)).get(id);
		assertThat(seen.state()).isIn(JobState.QUEUED, JobState.RUNNING);
		var done = SlurmDevCluster.await(launcher, id, SOON, JobState.COMPLETED);

		assertThat(done.exitCode()).isZero();
		assertThat(done.startedAt()).isNotNull();
		assertThat(done.endedAt()).isAfterOrEqualTo(done.startedAt());
		assertThat(done.placement()).startsWith("aif");
		assertThat(launcher.logTail(id, 10_000)).contains("hello from " + id).contains("[portal] exit 0");
		assertThat(launcher.logTail(id, 8)).hasSizeLessThanOrEqualTo(8).endsWith("\n");
	}

	@Test
	@Order(2)
	void aFailingScriptEndsFailedWithItsExitCode() {
		var id = submit(spec("fails", "echo about to fail >&2\nexit 3", 1, 1, Duration.ofMinutes(5)));

		var done = SlurmDevCluster.await(launcher, id, SOON, JobState.FAILED);

		assertThat(done.exitCode()).isEqualTo(3);
		assertThat(launcher.accounting(id)).get().satisfies(used -> {
			assertThat(used.state()).isEqualTo(JobState.FAILED);
			assertThat(used.exitCode()).isEqualTo(3);
		});
		assertThat(launcher.logTail(id, 1000)).contains("about to fail");
	}

	@Test
	@Order(3)
	void gpuSecondsAreTheAllocatedGpusTimesTheElapsedTime() {
		var id = submit(spec("two-by-two", "sleep 3", 2, 2, Duration.ofMinutes(5)));

		SlurmDevCluster.await(launcher, id, SOON, JobState.COMPLETED);
		var used = launcher.accounting(id).orElseThrow();

		assertThat(used.elapsedSeconds()).isBetween(3L, 30L);
		assertThat(used.gpuSeconds()).isEqualTo(4 * used.elapsedSeconds());
		var sacct = SlurmDevCluster.raw("sacct", "-X", "-n", "-P", "-j", id, "--format=ElapsedRaw,AllocTRES")
			.out()
			.strip();
		assertThat(sacct).isEqualTo(used.elapsedSeconds() + "|" + "billing=2,cpu=2,gres/gpu=4,node=2");
	}

	@Test
	@Order(4)
	void aRunningJobCanBeCancelled() {
		var id = submit(spec("endless", "sleep 600", 1, 1, Duration.ofMinutes(30)));
		SlurmDevCluster.await(launcher, id, SOON, JobState.RUNNING);

		launcher.cancel(id);

		var done = SlurmDevCluster.await(launcher, id, SOON, JobState.CANCELLED);
		assertThat(done.endedAt()).isNotNull();
		var used = launcher.accounting(id).orElseThrow();
		assertThat(used.state()).isEqualTo(JobState.CANCELLED);
		assertThat(used.gpuSeconds()).isEqualTo(used.elapsedSeconds());
		// a second cancel, and one of a job Slurm never heard of, change nothing
		launcher.cancel(id);
		launcher.cancel("999999999");
	}

	@Test
	@Order(5)
	void aJobThatCanNotStartIsQueuedWithSlurmsReasonAndCanBeCancelledWithoutCharge() {
		var blocker = submit(spec("blocker", "sleep 600", 1, 1, Duration.ofMinutes(5)));
		SlurmDevCluster.await(launcher, blocker, SOON, JobState.RUNNING);
		// all 32 GPUs: it waits behind the blocker
		var id = submit(spec("whole-cluster", "true", 4, 8, Duration.ofMinutes(5)));

		try {
			var queued = SlurmDevCluster.await(launcher, id, SOON, JobState.QUEUED);
			assertThat(queued.startedAt()).isNull();
			// the scheduler gives its reason within a few seconds
			var reason = "";
			for (int i = 0; i < 100 && reason.isEmpty(); i++) {
				SlurmDevCluster.sleep(200);
				reason = launcher.statuses(List.of(id)).get(id).reason();
			}
			assertThat(reason).isIn("Resources", "Priority");
			// the backfill scheduler estimates when it starts: when the blocker's 5
			// minutes are up at the latest
			var expected = launcher.expectedStart(id);
			for (int i = 0; i < 100 && expected.isEmpty(); i++) {
				SlurmDevCluster.sleep(200);
				expected = launcher.expectedStart(id);
			}
			assertThat(expected).get()
				.satisfies(start -> assertThat(start).isBetween(Instant.now().minusSeconds(5),
						Instant.now().plusSeconds(310)));
			assertThat(launcher.expectedStart(blocker)).as("a running job has no expected start").isEmpty();
		}
		finally {
			// while it waits, every later job would wait behind it
			launcher.cancel(id);
			launcher.cancel(blocker);
		}

		SlurmDevCluster.await(launcher, id, SOON, JobState.CANCELLED);
		var used = launcher.accounting(id).orElseThrow();
		assertThat(used.gpuSeconds()).isZero();
		assertThat(used.startedAt()).isNull();
	}

	@Test
	@Order(6)
	void aJobNameWithShellMetacharactersIsKeptAsItIsAndNeverInterpreted() throws Exception {
		var marker = SlurmDevCluster.STATE.resolve("jobs/pwned-" + JOB_IDS.get());
		var name = "x; touch " + marker + " $(touch " + marker + ") `touch " + marker + "` | & > < ' \" \\ *";
		// #SBATCH lines in the fellow's script are not read by sbatch: it gets the
		// portal's wrapper
		var script = "#!/bin/bash\n#SBATCH --gres=gpu:8\n#SBATCH --array=1-50\necho \"gpus=$CUDA_VISIBLE_DEVICES\"\n";

		var id = submit(spec(name, script, 1, 1, Duration.ofMinutes(5)));
		SlurmDevCluster.await(launcher, id, SOON, JobState.COMPLETED);

		assertThat(marker).doesNotExist();
		assertThat(SlurmDevCluster.raw("squeue", "-h", "-t", "all", "-j", id, "-o", "%j").out().strip())
			.isEqualTo(name);
		assertThat(launcher.logTail(id, 1000)).containsPattern("gpus=\\d\n");
		assertThat(SlurmDevCluster.raw("squeue", "-h", "-t", "all", "-o", "%i").out()).doesNotContain(id + "_");
	}

	@Test
	@Order(7)
	void aPartitionThatDoesNotExistIsRefusedWithAClearMessage() {
		var spec = new JobSpec(JOB_IDS.incrementAndGet(), "nowhere", "true", 1, 1, "nope", Duration.ofMinutes(5), null,
				Map.of());

		assertThatThrownBy(() -> submit(spec)).isInstanceOf(LaunchException.class)
			.hasMessageContaining("Slurm refused the job")
			.hasMessageContaining("Invalid partition name specified");
		var tooLong = new JobSpec(JOB_IDS.incrementAndGet(), "too long", "true", 1, 1, "short", Duration.ofHours(2),
				null, Map.of());
		assertThatThrownBy(() -> submit(tooLong)).isInstanceOf(LaunchException.class)
			.hasMessageContaining("time limit");
		var tooMany = spec("too many", "true", 1, 9, Duration.ofMinutes(5));
		assertThatThrownBy(() -> submit(tooMany)).isInstanceOf(LaunchException.class)
			.hasMessageContaining("node configuration is not available");
		assertThatThrownBy(() -> submit(spec("none", "true", 1, 0, Duration.ofMinutes(5))))
			.isInstanceOf(LaunchException.class)
			.hasMessageContaining("at least one");
	}

	@Test
	@Order(8)
	void capacityListsPartitionsNodesAndAllocatedGpus() {
		var id = submit(spec("three", "sleep 30", 1, 3, Duration.ofMinutes(5)));
		SlurmDevCluster.await(launcher, id, SOON, JobState.RUNNING);

		var capacity = new SlurmLauncher(SlurmDevCluster.start()).capacity();
		launcher.cancel(id);

		assertThat(capacity.nodes()).extracting(node -> node.name()).containsExactly("aif1", "aif2", "aif3", "aif4");
		assertThat(capacity.nodes()).allSatisfy(node -> assertThat(node.gpusTotal()).isEqualTo(8));
		assertThat(capacity.partitions()).extracting(p -> p.name()).containsExactly("gpu", "short");
		var gpu = capacity.partitions().get(0);
		assertThat(gpu.nodes()).isEqualTo(4);
		assertThat(gpu.gpusTotal()).isEqualTo(32);
		assertThat(gpu.gpusAllocated()).isGreaterThanOrEqualTo(3);
		assertThat(gpu.maxTimeSeconds()).isEqualTo(86_400);
		var shortPartition = capacity.partitions().get(1);
		assertThat(shortPartition.gpusTotal()).isEqualTo(16);
		assertThat(shortPartition.maxTimeSeconds()).isEqualTo(1_800);
	}

	@Test
	@Order(9)
	void theJobRunsAsTheFellowsClusterUserInItsOwnWorkDirectoryWithItsInputsAndNoneOfThePortalsEnvironment()
			throws Exception {
		var spec = new JobSpec(JOB_IDS.incrementAndGet(), "as nobody",
				"id -un; cat data.txt; env | sort; touch written-by-job", 1, 1, null, Duration.ofMinutes(5), "nobody",
				Map.of("data.txt", "input-data\n".getBytes(StandardCharsets.UTF_8)));

		var id = submit(spec);
		SlurmDevCluster.await(launcher, id, SOON, JobState.COMPLETED);

		var log = launcher.logTail(id, 100_000);
		assertThat(log).contains("nobody\n").contains("input-data").contains("CUDA_VISIBLE_DEVICES=");
		assertThat(log).doesNotContain("JAVA_HOME").doesNotContain("MAVEN");
		assertThat(SlurmDevCluster.raw("sacct", "-X", "-n", "-P", "-j", id, "--format=User").out().strip())
			.isEqualTo("nobody");
		var workDir = SlurmDevCluster.STATE.resolve("jobs/job-" + spec.jobId());
		assertThat(workDir.resolve("written-by-job")).exists();
		assertThat(Files.getOwner(workDir).getName()).isEqualTo("nobody");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir))).isEqualTo("rwx------");
	}

	@Test
	@Order(10)
	void theSchedulerSaysWhenAJobWouldStart() {
		var when = launcher.expectedStart(spec("would start", "true", 1, 1, Duration.ofMinutes(5)));

		// the overrunning job holds one GPU for a minute at most: the other 31 are free
		assertThat(when).get().satisfies(start -> assertThat(start).isBefore(Instant.now().plusSeconds(90)));
		assertThatThrownBy(() -> launcher
			.expectedStart(new JobSpec(1, "x", "true", 1, 1, "nope", Duration.ofMinutes(5), null, Map.of())))
			.isInstanceOf(LaunchException.class);
	}

	@Test
	@Order(100)
	void aJobPastItsTimeLimitIsTimedOut() {
		var done = SlurmDevCluster.await(launcher, overrunning, Duration.ofMinutes(3), JobState.TIMED_OUT);

		assertThat(done.exitCode()).isNotNull();
		var used = launcher.accounting(overrunning).orElseThrow();
		assertThat(used.state()).isEqualTo(JobState.TIMED_OUT);
		assertThat(used.elapsedSeconds()).isGreaterThanOrEqualTo(60);
		assertThat(used.gpuSeconds()).isEqualTo(used.elapsedSeconds());
		assertThat(launcher.logTail(overrunning, 1000)).contains("started");
	}

}
