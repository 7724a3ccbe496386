package kr.aifellows.portal.gpu.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;

import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The local launcher's side of "a job's files are hostile": the portal, running as root,
 * keeps a job's log and result in the job's directory, which the job cannot write, and
 * reads nothing from the work directory but its size. A job that tries to replace its log
 * or result, or fills its work directory with links, FIFOs, device links and sparse
 * files, neither blocks the portal nor shows it anything but the job's own output.
 */
class LocalHostileJobFilesTests {

	private static final Duration FINISHES = Duration.ofSeconds(60);

	private static SandboxFixture sandbox;

	@BeforeAll
	static void start() {
		sandbox = new SandboxFixture(1);
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void aJobCannotReplaceItsLogOrResultWithALinkOrAFifo() throws Exception {
		Path secret = rootOnlyFile();
		String id = sandbox
			.submit("""
					echo own-output
					for f in /job/../stdout.log /job/../result.properties /stdout.log /result.properties; do
					  rm -f "$f" 2>/dev/null; ln -sf %s "$f" 2>/dev/null && echo "LINKED $f"; mkfifo "$f" 2>/dev/null && echo "FIFO $f"
					done
					echo end-of-job
					"""
				.formatted(secret), 1, Duration.ofMinutes(1));

		JobAccounting accounting = assertTimeoutPreemptively(FINISHES, () -> sandbox.await(id));

		assertThat(accounting.state()).isEqualTo(JobState.COMPLETED);
		String log = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> sandbox.log(id));
		assertThat(log).contains("own-output", "end-of-job").doesNotContain(Files.readString(secret));
		assertThat(Files.isSymbolicLink(sandbox.directory.resolve(id).resolve("stdout.log"))).isFalse();
		assertThat(Files.isRegularFile(sandbox.directory.resolve(id).resolve("result.properties"))).isTrue();
	}

	@Test
	void linksFifosDevicesAndSparseFilesInTheWorkDirectoryNeitherBlockNorMisleadThePortal() throws Exception {
		Path secret = rootOnlyFile();
		Path outside = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outside");
		Path kept = Files.writeString(outside.resolve("kept.txt"), "kept");
		String id = sandbox.submit("""
				ln -s %s secret-link
				ln -s %s outside-link
				ln -s / root-link
				ln -s /dev/zero zero-link
				mkfifo pipe
				truncate -s 4M sparse.bin
				echo ready
				sleep 3
				echo end-of-job
				""".formatted(secret, outside), 1, Duration.ofMinutes(1));

		JobAccounting accounting = assertTimeoutPreemptively(FINISHES, () -> sandbox.await(id));

		assertThat(accounting.state()).as("not stopped as over its work directory's cap by what links point at")
			.isEqualTo(JobState.COMPLETED);
		assertThat(sandbox.log(id)).contains("ready", "end-of-job").doesNotContain(Files.readString(secret));
		assertThat(WorkDirectoryWatch.sizeOf(sandbox.directory.resolve(id).resolve("work"), Long.MAX_VALUE))
			.as("the links measured as links, the sparse file by its length")
			.isBetween(4L << 20, (4L << 20) + 64 * 1024);
		assertThat(kept).hasContent("kept");

		// At the end of the fellow's retention the job's files go, the links as links.
		sandbox.launcher.discardFiles(1, id);
		assertThat(sandbox.directory.resolve(id)).doesNotExist();
		assertThat(kept).hasContent("kept");
		assertThat(secret).exists();
		String next = sandbox.submit("echo still-working", 1, Duration.ofMinutes(1));
		assertThat(assertTimeoutPreemptively(FINISHES, () -> sandbox.await(next)).state())
			.as("the launcher goes on with the next job")
			.isEqualTo(JobState.COMPLETED);
	}

	@Test
	void aRunningJobsFilesAreNotDiscarded() throws Exception {
		String id = sandbox.submit("echo started; sleep 30", 1, Duration.ofMinutes(1));
		sandbox.awaitLog(id, "started");

		sandbox.launcher.discardFiles(2, id);

		assertThat(sandbox.directory.resolve(id).resolve("work")).isDirectory();
		sandbox.launcher.cancel(id);
	}

	private static Path rootOnlyFile() throws Exception {
		Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "root-only-", ".txt");
		Files.writeString(file, "TOP-SECRET-" + UUID.randomUUID());
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		return file;
	}

}
