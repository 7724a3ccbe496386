package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobSpec;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local sandbox launcher on a fresh directory under target/, with small limits so that
 * bombs end quickly. Fails (never skips) when bubblewrap is missing: {@code .ci/run}
 * installs it.
 */
final class SandboxFixture implements AutoCloseable {

	private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

	final Path directory;

	final LocalSandboxLauncher launcher;

	SandboxFixture(int virtualGpus) {
		this(virtualGpus, true);
	}

	SandboxFixture(int virtualGpus, boolean dropHelper) {
		try {
			this.directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-jobs");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		LocalSandboxProperties properties = LocalSandboxProperties.defaults(directory)
			.withLimits(DataSize.ofMegabytes(128), 0.5, 64, Duration.ofSeconds(1))
			.withVirtualGpus(virtualGpus)
			.withMaxFileSize(DataSize.ofMegabytes(8))
			.withMaxWorkDirSize(DataSize.ofMegabytes(16));
		this.launcher = new LocalSandboxLauncher(properties, Clock.systemUTC(), dropHelper);
		assertThat(launcher.report().sandboxed())
			.as("bubblewrap sandbox must work here (apt-get install bubblewrap): %s", launcher.report().problems())
			.isTrue();
	}

	String submit(String script, int gpus, Duration timeLimit) {
		return submit(script, gpus, timeLimit, Map.of());
	}

	String submit(String script, int gpus, Duration timeLimit, Map<String, byte[]> files) {
		long id = IDS.incrementAndGet();
		return launcher.submit(new JobSpec(id, "test-" + id, script, 1, gpus, "local", timeLimit, null, files));
	}

	JobAccounting await(String externalId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			var accounting = launcher.accounting(externalId);
			if (accounting.isPresent()) {
				return accounting.get();
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("Job " + externalId + " did not finish within 60 s");
	}

	String log(String externalId) {
		return launcher.logTail(externalId, 64 * 1024);
	}

	void awaitLog(String id, String text) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!log(id).contains(text)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No '" + text + "' in the log of " + id + ": " + log(id));
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() {
		launcher.close();
	}

}
