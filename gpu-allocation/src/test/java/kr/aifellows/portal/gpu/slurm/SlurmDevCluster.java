package kr.aifellows.portal.gpu.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import kr.aifellows.portal.gpu.JobLauncher;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.JobStatus;

/**
 * The real Slurm cluster of {@code gpu-allocation/launchers/slurm/dev-cluster.sh} for the
 * tests: started once per test JVM when it does not run yet (.ci/run starts it before the
 * build), and left running. When it can not start, the tests fail with the script's
 * output: they never skip.
 */
public final class SlurmDevCluster {

	static final Path SCRIPT = Path.of("gpu-allocation/launchers/slurm/dev-cluster.sh").toAbsolutePath();

	public static final Path STATE = Path.of(System.getenv().getOrDefault("AIF_SLURM_DIR", "/tmp/aifellows-slurm"));

	public static final String ACCOUNT = "fellows";

	private static boolean started;

	private SlurmDevCluster() {
	}

	public static synchronized SlurmProperties start() {
		if (!started) {
			var output = STATE.getParent().resolve("aifellows-slurm-start.log");
			try {
				var process = new ProcessBuilder(SCRIPT.toString(), "start").redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(5, TimeUnit.MINUTES)) {
					process.destroyForcibly();
					throw new IllegalStateException("The Slurm dev cluster did not start within 5 minutes");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException("The Slurm dev cluster could not start (" + SCRIPT + " start):\n"
							+ Files.readString(output, StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("The Slurm dev cluster could not start: " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			started = true;
		}
		return SlurmProperties.devCluster(STATE, ACCOUNT);
	}

	/**
	 * Waits until the launcher reports the job in one of the states (a finished state
	 * comes with its accounting).
	 */
	static JobStatus await(JobLauncher launcher, String id, Duration timeout, JobState... states) {
		long deadline = System.nanoTime() + timeout.toNanos();
		JobStatus last = null;
		while (System.nanoTime() < deadline) {
			last = launcher.statuses(List.of(id)).get(id);
			if (last != null) {
				for (var state : states) {
					if (last.state() == state) {
						return last;
					}
				}
				if (last.state().isFinished()) {
					throw new AssertionError(
							"job " + id + " ended as " + last + ", expected one of " + Arrays.toString(states));
				}
			}
			sleep(200);
		}
		throw new AssertionError(
				"job " + id + " is " + last + " after " + timeout + ", expected one of " + Arrays.toString(states));
	}

	public record Raw(int exit, String out) {
	}

	/** A Slurm command run straight, not through the launcher. */
	public static Raw raw(String... command) {
		try {
			var builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().put("SLURM_CONF", STATE.resolve("etc/slurm.conf").toString());
			var process = builder.start();
			var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return new Raw(process.waitFor(), out);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
