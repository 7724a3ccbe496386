package kr.aifellows.portal.gpu.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.LaunchException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSandboxLauncherTests {

	private static SandboxFixture sandbox;

	@BeforeAll
	static void start() {
		sandbox = new SandboxFixture(4);
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void aJobRunsInItsWorkDirectoryWithItsInputFilesAndItsGpusAndIsAccounted() {
		String id = sandbox.submit("""
				cat input.txt
				echo "gpus=$CUDA_VISIBLE_DEVICES home=$HOME pwd=$(pwd) user=$(id -u)"
				echo result > out.txt
				i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done
				echo to-stderr >&2
				exit 3
				""", 2, Duration.ofMinutes(1), Map.of("input.txt", "hello input\n".getBytes()));

		JobAccounting accounting = sandbox.await(id);

		assertThat(accounting.state()).isEqualTo(JobState.FAILED);
		assertThat(accounting.exitCode()).isEqualTo(3);
		assertThat(accounting.elapsedSeconds()).isPositive();
		assertThat(accounting.gpuSeconds()).isEqualTo(2 * accounting.elapsedSeconds());
		assertThat(accounting.cpuSeconds()).isGreaterThanOrEqualTo(0);
		assertThat(accounting.peakMemoryBytes()).isPositive();
		String log = sandbox.log(id);
		assertThat(log).contains("hello input")
			.containsPattern("gpus=\\d,\\d home=/job pwd=/job user=65534")
			.contains("--- stderr ---")
			.contains("to-stderr");
	}

	@Test
	void aJobRunsAsTheSandboxUserWithoutCapabilitiesGroupsOrAWayToGainPrivileges() throws Exception {
		assertPrivilegesDropped(sandbox);
	}

	@Test
	void aBuildWithoutTheDropHelperDropsTheSamePrivilegesWithSetpriv() throws Exception {
		try (SandboxFixture withSetpriv = new SandboxFixture(1, false)) {
			if (runsAsRoot()) {
				assertThat(withSetpriv.launcher.report().jobUser()).contains("via setpriv");
			}
			assertPrivilegesDropped(withSetpriv);
		}
	}

	@Test
	void theBuildsDropHelperIsInForceWhereTheBuildHadACompiler() throws Exception {
		boolean built = LocalSandboxLauncher.class.getResource("sandbox-drop-linux-amd64") != null;
		if (System.getenv("CI") != null) {
			assertThat(built)
				.as("the build must compile gpu-allocation/launchers/local/sandbox-drop.c in CI"
						+ " (.ci/run installs gcc and libc6-dev)")
				.isTrue();
		}
		if (built && runsAsRoot()) {
			assertThat(sandbox.launcher.report().jobUser()).isEqualTo("uid 65534 via sandbox-drop, no capabilities");
			assertThat(sandbox.directory.resolve(".bin/sandbox-drop")).isExecutable();
		}
	}

	private static void assertPrivilegesDropped(SandboxFixture fixture) throws Exception {
		String id = fixture.submit("grep -E '^(Uid|Gid|Groups|Cap[A-Za-z]+|NoNewPrivs):' /proc/self/status", 1,
				Duration.ofMinutes(1));

		assertThat(fixture.await(id).state()).isEqualTo(JobState.COMPLETED);
		String status = fixture.log(id);
		if (runsAsRoot()) {
			assertThat(status).contains("Uid:\t65534\t65534\t65534\t65534", "Gid:\t65534\t65534\t65534\t65534")
				.containsPattern("(?m)^Groups:\\s*$");
		}
		assertThat(status).contains("CapInh:\t0000000000000000", "CapPrm:\t0000000000000000",
				"CapEff:\t0000000000000000", "CapAmb:\t0000000000000000");
		if (runsAsRoot()) {
			assertThat(status).contains("CapBnd:\t0000000000000000", "NoNewPrivs:\t1");
		}
	}

	private static boolean runsAsRoot() throws Exception {
		return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
	}

	@Test
	void aCompletedJobExitsZeroAndStatusesFollowIt() throws Exception {
		String id = sandbox.submit("sleep 1; echo done", 1, Duration.ofMinutes(1));
		assertThat(sandbox.launcher.statuses(List.of(id)).get(id).state()).isIn(JobState.QUEUED, JobState.RUNNING);

		JobAccounting accounting = sandbox.await(id);

		assertThat(accounting.state()).isEqualTo(JobState.COMPLETED);
		assertThat(accounting.exitCode()).isZero();
		assertThat(sandbox.launcher.statuses(List.of(id)).get(id).state()).isEqualTo(JobState.COMPLETED);
		assertThat(sandbox.launcher.statuses(List.of("local-999999999999-0000abcd", "other-1"))).isEmpty();
	}

	@Test
	void jobsWaitForFreeGpusAndACancelledQueuedJobNeverRuns() {
		String big = sandbox.submit("sleep 2", 4, Duration.ofMinutes(1));
		String waiting = sandbox.submit("echo ran", 1, Duration.ofMinutes(1));
		assertThat(sandbox.launcher.statuses(List.of(waiting)).get(waiting).state()).isEqualTo(JobState.QUEUED);
		assertThat(sandbox.launcher.capacity().partitions().getFirst().gpusAllocated()).isEqualTo(4);

		sandbox.launcher.cancel(waiting);

		assertThat(sandbox.await(waiting).state()).isEqualTo(JobState.CANCELLED);
		assertThat(sandbox.await(waiting).gpuSeconds()).isZero();
		assertThat(sandbox.log(waiting)).doesNotContain("ran");
		assertThat(sandbox.await(big).state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void aRunningJobIsCancelledAndChargedOnlyForTheTimeItRan() {
		String id = sandbox.submit("echo started; sleep 60", 1, Duration.ofMinutes(5));
		sandbox.awaitLog(id, "started");

		sandbox.launcher.cancel(id);

		JobAccounting accounting = sandbox.await(id);
		assertThat(accounting.state()).isEqualTo(JobState.CANCELLED);
		assertThat(accounting.elapsedSeconds()).isLessThan(10);
	}

	@Test
	void aJobPastItsTimeLimitIsStoppedAsTimedOut() {
		String id = sandbox.submit("sleep 60", 1, Duration.ofSeconds(1));

		JobAccounting accounting = sandbox.await(id);

		assertThat(accounting.state()).isEqualTo(JobState.TIMED_OUT);
		assertThat(accounting.elapsedSeconds()).isBetween(1L, 4L);
	}

	@Test
	void withoutAWorkingSandboxJobsAreRefusedUnlessAnAdminAllowsIt() throws Exception {
		Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "no-sandbox");
		LocalSandboxProperties broken = new LocalSandboxProperties(directory, 1, false, DataSize.ofMegabytes(128), 1.0,
				64, Duration.ofSeconds(1), 65534, "local", "/nonexistent/bwrap", "nvidia-smi", DataSize.ofGigabytes(1),
				List.of());
		try (LocalSandboxLauncher launcher = new LocalSandboxLauncher(broken, Clock.systemUTC())) {
			assertThat(launcher.report().sandboxed()).isFalse();
			assertThat(launcher.report().problems()).anySatisfy(problem -> assertThat(problem).contains("bubblewrap"));
			assertThatThrownBy(() -> launcher
				.submit(new JobSpec(1, "x", "true", 1, 1, "local", Duration.ofMinutes(1), null, Map.of())))
				.isInstanceOf(LaunchException.class)
				.hasMessageContaining("sandbox");
		}
	}

	@Test
	void softwarePathsAreReadOnlyAndNeverExposeTheJobsOrThePortalsData() throws Exception {
		Path software = Files.createTempDirectory("software");
		Files.writeString(software.resolve("tool.sh"), "echo tool-ran");
		Files.setPosixFilePermissions(software, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "software-jobs");
		LocalSandboxProperties properties = LocalSandboxProperties.defaults(directory.resolve("jobs"))
			.withLimits(DataSize.ofMegabytes(128), 0.5, 64, Duration.ofSeconds(1))
			.withVirtualGpus(1)
			.withSoftwarePaths(List.of(software, directory, Path.of("/nonexistent-software")));
		try (LocalSandboxLauncher launcher = new LocalSandboxLauncher(properties, Clock.systemUTC())) {
			assertThat(launcher.report().problems())
				.anySatisfy(problem -> assertThat(problem).contains(directory.toString()).contains("portal's data"));
			assertThat(launcher.report().problems()).anySatisfy(
					problem -> assertThat(problem).contains("/nonexistent-software").contains("not a directory"));
			assertThat(launcher.report().sandboxed()).isTrue();
			String id = launcher.submit(new JobSpec(
					1, "software", "sh " + software + "/tool.sh; touch " + software + "/written && echo WROTE; ls "
							+ directory + " && echo SAW-DATA; true",
					1, 1, "local", Duration.ofMinutes(1), null, Map.of()));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (launcher.accounting(id).isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(launcher.accounting(id))
				.hasValueSatisfying(accounting -> assertThat(accounting.state()).isEqualTo(JobState.COMPLETED));
			assertThat(launcher.logTail(id, 4096)).contains("tool-ran").doesNotContain("WROTE", "SAW-DATA");
			assertThat(software.resolve("written")).doesNotExist();
		}
	}

	@Test
	void sizesAreMeasuredWithoutFollowingLinksAndDescribedAsConfigured() throws Exception {
		Path tree = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sizes");
		Files.write(tree.resolve("a.bin"), new byte[3000]);
		Files.createDirectories(tree.resolve("sub/deeper"));
		Files.write(tree.resolve("sub/deeper/b.bin"), new byte[5000]);
		Files.createSymbolicLink(tree.resolve("link-to-usr"), Path.of("/usr"));

		long size = WorkDirectoryWatch.sizeOf(tree, Long.MAX_VALUE);

		assertThat(size).isBetween(8000L, 8000L + 4 * 64 * 1024);
		assertThat(WorkDirectoryWatch.sizeOf(tree, 100)).isLessThan(size);
		assertThat(WorkDirectoryWatch.describe(DataSize.ofGigabytes(10))).isEqualTo("10 GB");
		assertThat(WorkDirectoryWatch.describe(DataSize.ofMegabytes(1536))).isEqualTo("1536 MB");
		assertThat(WorkDirectoryWatch.describe(DataSize.ofBytes(1000))).isEqualTo("1000 bytes");
	}

	@Test
	void theCapacityIsOnePartitionOnThisHost() {
		var capacity = sandbox.launcher.capacity();
		assertThat(capacity.partitions()).singleElement().satisfies(partition -> {
			assertThat(partition.name()).isEqualTo("local");
			assertThat(partition.gpusTotal()).isEqualTo(4);
		});
		assertThat(capacity.nodes()).hasSize(1);
		assertThat(sandbox.launcher.report().gpuSource()).isEqualTo("virtual");
	}

}
