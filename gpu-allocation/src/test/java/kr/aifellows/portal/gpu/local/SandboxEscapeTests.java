package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Untrusted scripts try to get out of the local sandbox. Each attempt must fail, and
 * nothing a job started may outlive it.
 */
class SandboxEscapeTests {

	private static SandboxFixture sandbox;

	@BeforeAll
	static void start() {
		sandbox = new SandboxFixture(2);
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void aJobCannotReadThePortalsDatabaseFilesOrSecrets() throws IOException {
		Path secrets = Files.createDirectories(Path.of("target", "sandbox-portal-data").toAbsolutePath());
		Path secret = secrets.resolve("db-password");
		Files.writeString(secret, "TOP-SECRET-PASSWORD");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
		Path repository = Path.of("pom.xml").toAbsolutePath();
		String id = sandbox
			.submit("""
					for f in %s %s /etc/shadow /root/.m2/settings.xml /proc/1/environ; do
					  if cat "$f" > /tmp/read 2>/dev/null; then head -c 200 /tmp/read; echo "READ $f"; else echo "DENIED $f"; fi
					done
					ls %s 2>&1 | head -3
					ls / ; cat /proc/self/mountinfo | wc -l
					"""
				.formatted(secret, repository, secrets, secrets), 1, Duration.ofMinutes(1));

		sandbox.await(id);

		String log = sandbox.log(id);
		assertThat(log).doesNotContain("TOP-SECRET-PASSWORD")
			.doesNotContain("<project")
			.doesNotContain("root:")
			.contains("DENIED " + secret)
			.contains("DENIED " + repository)
			.contains("DENIED /etc/shadow")
			.doesNotContain("READ /");
		assertThat(log).contains("cannot access '" + secrets + "': No such file or directory");
	}

	@Test
	void aJobCannotSeeOrTouchAnotherJobsFiles() {
		String victim = sandbox.submit("echo VICTIM-DATA > private.txt; echo ready; sleep 30", 1,
				Duration.ofMinutes(1));
		sandbox.awaitLog(victim, "ready");
		Path victimDir = sandbox.launcher.jobDir(victim);
		String attacker = sandbox.submit("""
				cat %s/work/private.txt 2>&1
				ls %s 2>&1
				cat ../local-*/work/private.txt 2>&1
				ps -e -o pid,args 2>/dev/null || ls /proc
				rm -rf %s 2>&1
				echo attacker-done
				""".formatted(victimDir, sandbox.directory, victimDir), 1, Duration.ofMinutes(1));

		sandbox.await(attacker);
		sandbox.launcher.cancel(victim);
		sandbox.await(victim);

		assertThat(sandbox.log(attacker)).contains("attacker-done")
			.doesNotContain("VICTIM-DATA")
			.doesNotContain("sleep 30");
		assertThat(victimDir.resolve("work/private.txt")).hasContent("VICTIM-DATA");
	}

	@Test
	void aJobCannotConnectToALoopbackPortOutside() throws IOException {
		AtomicInteger accepted = new AtomicInteger();
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			server.setSoTimeout(200);
			Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
				while (!server.isClosed()) {
					try {
						server.accept().close();
						accepted.incrementAndGet();
					}
					catch (SocketTimeoutException ex) {
						// keep listening
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			String id = sandbox
				.submit("""
						if bash -c 'echo hi > /dev/tcp/127.0.0.1/%d' 2>/dev/null; then echo CONNECTED; else echo REFUSED; fi
						if command -v python3 >/dev/null; then
						  python3 -c 'import socket; socket.create_connection(("127.0.0.1", %d), 2); print("CONNECTED")' 2>/dev/null || echo REFUSED
						fi
						getent hosts example.org || echo NO-DNS
						cat /proc/net/dev
						"""
					.formatted(server.getLocalPort(), server.getLocalPort()), 1, Duration.ofMinutes(1));

			sandbox.await(id);
			server.close();
			acceptor.interrupt();
			assertThat(sandbox.log(id)).doesNotContain("CONNECTED").contains("REFUSED").contains("NO-DNS");
			assertThat(sandbox.log(id)).doesNotContainPattern("(?m)^\\s*(eth|ens|enp|veth|docker)\\w*:");
			assertThat(accepted).hasValue(0);
		}
	}

	@Test
	void aForkBombIsContainedAndLeavesNothingBehind() {
		String marker = "bomb" + UUID.randomUUID().toString().substring(0, 8);
		String id = sandbox.submit("""
				cat > /tmp/%s.sh <<'BOMB'
				f() { f | f & }; f
				BOMB
				bash /tmp/%s.sh &
				sleep 3
				echo still-here
				""".formatted(marker, marker), 1, Duration.ofSeconds(5));

		JobAccounting accounting = sandbox.await(id);

		assertThat(accounting.state()).isIn(JobState.COMPLETED, JobState.FAILED, JobState.TIMED_OUT);
		assertThat(survivors(marker)).isEmpty();
		assertThat(survivors("/job-script.sh")).isEmpty();
		String after = sandbox.submit("echo host-still-works", 1, Duration.ofMinutes(1));
		sandbox.await(after);
		assertThat(sandbox.log(after)).contains("host-still-works");
	}

	@Test
	void aMemoryBombIsKilledAtItsLimit() {
		String id = sandbox.submit("dd if=/dev/zero of=/dev/null bs=512M count=4; echo exit=$?", 1,
				Duration.ofMinutes(1));

		JobAccounting accounting = sandbox.await(id);

		assertThat(sandbox.log(id)).contains("exit=137");
		assertThat(accounting.peakMemoryBytes()).isLessThanOrEqualTo(129L * 1024 * 1024);
	}

	@Test
	void aJobThatIgnoresSigtermAndLeavesASetsidDaemonIsKilledWholeAtItsTimeLimit() throws Exception {
		String marker = "daemon" + UUID.randomUUID().toString().substring(0, 8);
		String id = sandbox.submit("""
				trap '' TERM
				cat > /tmp/%s.sh <<'DAEMON'
				trap '' TERM HUP
				while true; do sleep 1; done
				DAEMON
				setsid sh -c 'sh /tmp/%s.sh & exit 0' < /dev/null > /dev/null 2>&1
				echo daemon-started
				while true; do sleep 1; done
				""".formatted(marker, marker), 1, Duration.ofSeconds(2));
		sandbox.awaitLog(id, "daemon-started");
		assertThat(survivors(marker)).as("the daemon runs while the job runs").isNotEmpty();

		JobAccounting accounting = sandbox.await(id);

		assertThat(accounting.state()).isEqualTo(JobState.TIMED_OUT);
		Thread.sleep(300);
		assertThat(survivors(marker)).isEmpty();
	}

	@Test
	void aJobCannotWriteOutsideItsWorkDirectory() throws IOException {
		Path jobsDir = sandbox.directory;
		String id = sandbox.submit("""
				for f in /usr/escape /etc/escape /escape /job-script.sh %s/escape /proc/sys/kernel/hostname; do
				  if echo x > "$f" 2>/dev/null; then echo "WROTE $f"; else echo "REFUSED $f"; fi
				done
				echo inside > /job/allowed.txt && echo WROTE-WORK
				echo tmp > /tmp/scratch && echo WROTE-TMP
				""".formatted(jobsDir), 1, Duration.ofMinutes(1));

		sandbox.await(id);

		assertThat(sandbox.log(id)).doesNotContain("WROTE /").contains("WROTE-WORK").contains("WROTE-TMP");
		assertThat(Path.of("/usr/escape")).doesNotExist();
		assertThat(Path.of("/etc/escape")).doesNotExist();
		assertThat(Path.of("/escape")).doesNotExist();
		assertThat(jobsDir.resolve("escape")).doesNotExist();
		Path jobDir = sandbox.launcher.jobDir(id);
		assertThat(jobDir.resolve("script.sh")).content().doesNotStartWith("x");
		assertThat(jobDir.resolve("work/allowed.txt")).hasContent("inside");
	}

	@Test
	void aJobCannotFillTheDiskWithOneHugeFileOrLog() {
		String id = sandbox.submit("""
				head -c 100000000 /dev/zero > big.bin; echo "file exit=$?" >&2
				yes flood-the-log
				""", 1, Duration.ofMinutes(1));

		sandbox.await(id);

		Path jobDir = sandbox.launcher.jobDir(id);
		assertThat(jobDir.resolve("work/big.bin").toFile().length()).isLessThanOrEqualTo(8L * 1024 * 1024);
		assertThat(jobDir.resolve("stdout.log").toFile().length()).isLessThanOrEqualTo(8L * 1024 * 1024);
		assertThat(sandbox.log(id)).contains("file exit=");
	}

	@Test
	void aJobThatFillsItsWorkDirectoryPastTheCapIsStoppedAndItsFilesAreKept() throws IOException {
		String id = sandbox.submit("""
				for i in 1 2 3 4 5 6; do head -c 5000000 /dev/zero > part$i.bin; echo "wrote $i"; done
				sleep 30
				echo NOT-STOPPED
				""", 1, Duration.ofMinutes(1));

		JobAccounting accounting = sandbox.await(id);

		assertThat(accounting.state()).isEqualTo(JobState.FAILED);
		assertThat(accounting.elapsedSeconds()).isLessThan(20);
		assertThat(sandbox.launcher.statuses(List.of(id)).get(id).reason()).isEqualTo("work directory over 16 MB");
		assertThat(sandbox.log(id)).contains("wrote 6").doesNotContain("NOT-STOPPED");
		Path work = sandbox.launcher.jobDir(id).resolve("work");
		for (int i = 1; i <= 6; i++) {
			assertThat(Files.size(work.resolve("part" + i + ".bin"))).isEqualTo(5_000_000);
		}
	}

	/** Host processes whose command line contains the marker. */
	static List<String> survivors(String marker) {
		return ProcessHandle.allProcesses()
			.filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
			.filter(process -> process.pid() != ProcessHandle.current().pid())
			.map(process -> process.pid() + " " + process.info().commandLine().orElse("?"))
			.toList();
	}

}
