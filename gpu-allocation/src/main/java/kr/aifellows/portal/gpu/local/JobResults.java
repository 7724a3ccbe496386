package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static kr.aifellows.portal.gpu.local.JobDirectory.readProperties;
import static kr.aifellows.portal.gpu.local.JobDirectory.writeProperties;

/**
 * A job's {@code result.properties}: written when it ends, read for its accounting (also
 * by a portal started later), and made up for a job that died with the previous portal.
 */
final class JobResults {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	private static final String RESULT = "result.properties";

	private final Clock clock;

	JobResults(Clock clock) {
		this.clock = clock;
	}

	static boolean exists(Path jobDir) {
		return Files.exists(jobDir.resolve(RESULT));
	}

	/** Records how the job ended and what it used; the job then shows that state. */
	void write(LocalJob job, JobState state, Instant ended, Integer exitCode, long elapsed, long cpuSeconds,
			long peak) {
		Properties result = new Properties();
		result.setProperty("state", state.name());
		if (job.startedAt != null) {
			result.setProperty("startedAt", job.startedAt.toString());
		}
		result.setProperty("endedAt", ended.toString());
		if (exitCode != null) {
			result.setProperty("exitCode", exitCode.toString());
		}
		result.setProperty("elapsedSeconds", Long.toString(elapsed));
		result.setProperty("gpuSeconds", Long.toString(elapsed * job.spec.gpus()));
		result.setProperty("cpuSeconds", Long.toString(cpuSeconds));
		result.setProperty("peakMemoryBytes", Long.toString(peak));
		if (job.reason != null) {
			result.setProperty("reason", job.reason);
		}
		try {
			writeProperties(job.dir.resolve(RESULT), result);
		}
		catch (IOException ex) {
			log.error("Could not record the result of local job {}", job.spec.jobId(), ex);
		}
		job.endedAt = ended;
		job.exitCode = exitCode;
		job.state = state;
	}

	/** The recorded accounting of a finished job; empty when its result is unreadable. */
	Optional<JobAccounting> read(String externalId, Path jobDir) {
		try {
			Properties p = readProperties(jobDir.resolve(RESULT));
			return Optional.of(new JobAccounting(JobState.valueOf(p.getProperty("state")), instant(p, "startedAt"),
					instant(p, "endedAt"),
					p.getProperty("exitCode") == null ? null : Integer.valueOf(p.getProperty("exitCode")),
					Long.parseLong(p.getProperty("elapsedSeconds")), Long.parseLong(p.getProperty("gpuSeconds")),
					Long.parseLong(p.getProperty("cpuSeconds", "-1")),
					Long.parseLong(p.getProperty("peakMemoryBytes", "-1"))));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Unreadable result of local job {}: {}", externalId, ex.toString());
			return Optional.empty();
		}
	}

	/** Why the job ended as it did, or null. */
	String reason(Path jobDir) {
		try {
			return readProperties(jobDir.resolve(RESULT)).getProperty("reason");
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * A job directory without a result after a restart: the job died with the previous
	 * portal (bwrap's --die-with-parent). It is charged from its start to its last sign
	 * of life.
	 */
	void recoverAfterRestart(Path jobDir) {
		try {
			Properties submitted = readProperties(jobDir.resolve("submitted.properties"));
			int gpuCount = Integer.parseInt(submitted.getProperty("gpus"));
			Properties result = new Properties();
			Path startedFile = jobDir.resolve("started.properties");
			if (Files.exists(startedFile)) {
				Instant started = Instant.parse(readProperties(startedFile).getProperty("startedAt"));
				Instant lastSign = lastSignOfLife(jobDir, started);
				long elapsed = Math.max(1, Math.round(Duration.between(started, lastSign).toMillis() / 1000.0));
				result.setProperty("startedAt", started.toString());
				result.setProperty("endedAt", lastSign.toString());
				result.setProperty("elapsedSeconds", Long.toString(elapsed));
				result.setProperty("gpuSeconds", Long.toString(elapsed * gpuCount));
				result.setProperty("reason", "the portal stopped while the job ran");
			}
			else {
				result.setProperty("endedAt", clock.instant().toString());
				result.setProperty("elapsedSeconds", "0");
				result.setProperty("gpuSeconds", "0");
				result.setProperty("reason", "the portal stopped before the job started");
			}
			result.setProperty("state", JobState.FAILED.name());
			writeProperties(jobDir.resolve(RESULT), result);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not recover local job directory {}: {}", jobDir, ex.toString());
		}
	}

	private static Instant lastSignOfLife(Path jobDir, Instant started) throws IOException {
		Instant lastSign = started;
		for (String name : List.of("started.properties", "heartbeat", "stdout.log", "stderr.log")) {
			Path file = jobDir.resolve(name);
			if (Files.exists(file)) {
				Instant modified = Files.getLastModifiedTime(file).toInstant();
				lastSign = modified.isAfter(lastSign) ? modified : lastSign;
			}
		}
		return lastSign;
	}

	private static Instant instant(Properties properties, String key) {
		String value = properties.getProperty(key);
		return value == null ? null : Instant.parse(value);
	}

}
