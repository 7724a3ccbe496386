package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import kr.aifellows.portal.gpu.JobFiles;
import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.LaunchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's directory under the jobs directory: {@code script.sh}, {@code work/} (the job's
 * only writable place, owned by the job user), {@code submitted.properties},
 * {@code started.properties}, the heartbeat and the logs. The result is
 * {@link JobResults}' business.
 */
final class JobDirectory {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	private static final FileAttribute<Set<PosixFilePermission>> JOB_DIR_PERMISSIONS = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rwx--x---"));

	private final Path directory;

	private final boolean root;

	private final int sandboxUid;

	private final Clock clock;

	JobDirectory(Path directory, boolean root, int sandboxUid, Clock clock) {
		this.directory = directory;
		this.root = root;
		this.sandboxUid = sandboxUid;
		this.clock = clock;
	}

	/** The job's directory: its work directory, script, logs and result. */
	Path jobDir(String externalId) {
		return directory.resolve(externalId);
	}

	/** Makes the job's directory with its script, input files and what was asked. */
	Path create(String externalId, JobSpec spec) {
		Path jobDir = jobDir(externalId);
		try {
			Path work = jobDir.resolve("work");
			try {
				// The job's directory never exists yet (random id): two mkdirs, no walk
				// up the path.
				Files.createDirectory(jobDir, JOB_DIR_PERMISSIONS);
			}
			catch (NoSuchFileException ex) {
				Files.createDirectories(directory);
				Files.createDirectory(jobDir, JOB_DIR_PERMISSIONS);
			}
			Files.createDirectory(work);
			Files.writeString(jobDir.resolve("script.sh"), spec.script(), StandardCharsets.UTF_8);
			writeInputs(work, spec.inputFiles());
			if (root) {
				chown(work, sandboxUid);
			}
			Properties submitted = new Properties();
			submitted.setProperty("gpus", Integer.toString(spec.gpus()));
			submitted.setProperty("timeLimitSeconds", Long.toString(spec.timeLimit().toSeconds()));
			submitted.setProperty("name", spec.name());
			writeProperties(jobDir.resolve("submitted.properties"), submitted);
		}
		catch (IOException ex) {
			throw new LaunchException("Could not prepare the job's directory", ex);
		}
		return jobDir;
	}

	private void writeInputs(Path work, Map<String, byte[]> inputFiles) throws IOException {
		for (Map.Entry<String, byte[]> file : inputFiles.entrySet()) {
			Path target = work.resolve(file.getKey()).normalize();
			if (!target.getParent().equals(work)) {
				throw new LaunchException("Bad input file name " + file.getKey());
			}
			Files.write(target, file.getValue());
			if (root) {
				chown(target, sandboxUid);
			}
		}
	}

	/**
	 * When the job started and on which GPUs: what a restarted portal charges it from.
	 */
	void writeStarted(LocalJob job) throws IOException {
		Properties started = new Properties();
		started.setProperty("startedAt", job.startedAt.toString());
		started.setProperty("gpus", job.gpuIndexes.stream().map(String::valueOf).collect(Collectors.joining(",")));
		writeProperties(job.dir.resolve("started.properties"), started);
	}

	/**
	 * Touches the running jobs' heartbeat files: their last sign of life should the
	 * portal die.
	 */
	void heartbeat(Collection<LocalJob> jobs) {
		for (LocalJob job : jobs) {
			if (job.state == JobState.RUNNING) {
				try {
					Path beat = job.dir.resolve("heartbeat");
					if (!Files.exists(beat)) {
						Files.createFile(beat);
					}
					Files.setLastModifiedTime(beat, FileTime.from(clock.instant()));
				}
				catch (IOException ex) {
					log.debug("No heartbeat for job {}: {}", job.spec.jobId(), ex.getMessage());
				}
			}
		}
	}

	/** The end of the job's output, then of its errors under a marker line. */
	String logTail(String externalId, int maxBytes) {
		Path jobDir = jobDir(externalId);
		String out = JobFiles.tail(jobDir.resolve("stdout.log"), maxBytes);
		String err = JobFiles.tail(jobDir.resolve("stderr.log"), maxBytes / 4);
		return err.isEmpty() ? out : out + (out.isEmpty() || out.endsWith("\n") ? "" : "\n") + "--- stderr ---\n" + err;
	}

	static void chown(Path file, int uid) throws IOException {
		Files.setAttribute(file, "unix:uid", uid);
		Files.setAttribute(file, "unix:gid", uid);
	}

	/** Written aside and moved in place: a reader never sees half a file. */
	static void writeProperties(Path file, Properties properties) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		StringWriter text = new StringWriter();
		properties.store(text, null);
		Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	static Properties readProperties(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
