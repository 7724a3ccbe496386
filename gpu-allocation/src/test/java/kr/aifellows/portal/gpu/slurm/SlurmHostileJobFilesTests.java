package kr.aifellows.portal.gpu.slurm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A job owns its work directory and may replace its output file with anything. The
 * portal, which runs as root, shows the log tail of such a job without following a link
 * to a file only root may read, without blocking on a FIFO, and without reading past its
 * bound.
 */
class SlurmHostileJobFilesTests {

	private static final Duration SOON = Duration.ofSeconds(60);

	private static final AtomicLong JOB_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 100 + 77);

	private static final List<String> SUBMITTED = new CopyOnWriteArrayList<>();

	private static final String OUTPUT = "slurm-$SLURM_JOB_ID.out";

	private static SlurmLauncher launcher;

	private static SlurmProperties properties;

	private static long lastJobId;

	@BeforeAll
	static void startCluster() {
		properties = SlurmDevCluster.start();
		launcher = new SlurmLauncher(properties);
	}

	@AfterAll
	static void cancelWhatIsLeft() {
		SUBMITTED.forEach(launcher::cancel);
	}

	@Test
	void anOutputReplacedByALinkToARootOnlyFileIsNotFollowed() throws Exception {
		String secret = "TOP-SECRET-" + UUID.randomUUID();
		Path file = Files.createTempFile("aif-secret-", ".txt");
		Files.writeString(file, secret);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		try {
			String id = runAsNobody("echo before; rm -f " + OUTPUT + "; ln -s " + file + " " + OUTPUT);

			assertThat(launcher.logTail(id, 100_000)).doesNotContain(secret);

			// At the end of the fellow's retention the job's files go, the link as a
			// link.
			Path workDir = properties.jobsDir().toAbsolutePath().resolve("job-" + lastJobId);
			assertThat(workDir).isDirectory();
			launcher.discardFiles(lastJobId, id);
			assertThat(workDir).doesNotExist();
			assertThat(file).hasContent(secret);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	@Test
	void anOutputReplacedByAFifoDoesNotBlockTheLogTail() {
		String id = runAsNobody("rm -f " + OUTPUT + "; mkfifo " + OUTPUT);

		String tail = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> launcher.logTail(id, 100_000));
		assertThat(tail).isEmpty();
		String again = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> launcher.logTail(id, 100_000));
		assertThat(again).as("a second look while the first opening still hangs").isEmpty();
	}

	@Test
	void aHugeSparseOutputIsReadOnlyUpToTheBound() {
		String id = runAsNobody(
				"rm -f " + OUTPUT + "; truncate -s 1T " + OUTPUT + "; printf 'end of log' >> " + OUTPUT);

		String tail = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> launcher.logTail(id, 64));
		assertThat(tail.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64);
		assertThat(tail).endsWith("end of log");
	}

	private static String runAsNobody(String script) {
		lastJobId = JOB_IDS.incrementAndGet();
		var spec = new JobSpec(lastJobId, "hostile", script, 1, 1, null, Duration.ofMinutes(5), "nobody", Map.of());
		String id = launcher.submit(spec);
		SUBMITTED.add(id);
		SlurmDevCluster.await(launcher, id, SOON, JobState.COMPLETED);
		return id;
	}

}
