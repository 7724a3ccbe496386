package kr.aifellows.portal.gpu.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kr.aifellows.portal.gpu.LaunchException;

/**
 * Runs Slurm's commands with their arguments as a list (never through a shell) and a
 * clean environment, so that nothing of the portal's environment (secrets included)
 * reaches a job.
 */
class SlurmCommands {

	record Result(int exitCode, String out, String err) {

		boolean ok() {
			return exitCode == 0;
		}

		/** Slurm's error lines without their "sbatch: error: " prefixes. */
		String errorMessage() {
			var lines = new ArrayList<String>();
			for (var line : err.strip().split("\n")) {
				var text = line.replaceFirst("^\\S+: error: ", "")
					.replaceFirst("^Batch job submission failed: ", "")
					.strip();
				if (!text.isEmpty() && !lines.contains(text)) {
					lines.add(text);
				}
			}
			return lines.isEmpty() ? "exit code " + exitCode : String.join("; ", lines);
		}
	}

	private final Path binDir;

	private final Map<String, String> environment;

	private final Duration timeout;

	SlurmCommands(SlurmProperties properties) {
		this.binDir = properties.binDir();
		this.timeout = properties.commandTimeout();
		var env = new HashMap<String, String>();
		env.put("PATH", binDir + ":/usr/local/bin:/usr/bin:/bin");
		env.put("LANG", "C.UTF-8");
		// Slurm prints local times; the JVM reads them in its own zone.
		env.put("TZ", ZoneId.systemDefault().getId());
		if (properties.conf() != null) {
			env.put("SLURM_CONF", properties.conf().toAbsolutePath().toString());
		}
		this.environment = Map.copyOf(env);
	}

	Result run(String command, List<String> arguments) {
		return run(command, arguments, null);
	}

	Result run(String command, List<String> arguments, Path directory) {
		var commandLine = new ArrayList<String>(arguments.size() + 1);
		commandLine.add(binDir.resolve(command).toString());
		commandLine.addAll(arguments);
		var builder = new ProcessBuilder(commandLine)
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().clear();
		builder.environment().putAll(environment);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new LaunchException("The Slurm cluster can not be reached: " + command + " can not be run", ex);
		}
		var out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()), Thread::startVirtualThread);
		var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()), Thread::startVirtualThread);
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new LaunchException(
						"The Slurm cluster did not answer: " + command + " took longer than " + timeout);
			}
			return new Result(process.exitValue(), out.get(), err.get());
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new LaunchException("Interrupted while waiting for " + command, ex);
		}
		catch (ExecutionException ex) {
			throw new LaunchException("Could not read the output of " + command, ex.getCause());
		}
	}

	private static String read(InputStream stream) {
		try (stream) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
