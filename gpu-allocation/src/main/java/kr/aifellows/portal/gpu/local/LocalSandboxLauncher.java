package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.unit.DataSize;

import kr.aifellows.portal.gpu.ClusterCapacity;
import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobFiles;
import kr.aifellows.portal.gpu.JobLauncher;
import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.JobStatus;
import kr.aifellows.portal.gpu.LaunchException;

/**
 * Runs jobs on this host, each in a bubblewrap sandbox: its own mount, PID, network, IPC and UTS
 * namespaces; a read-only {@code /usr} and {@code /etc}; a private {@code /tmp}; its work
 * directory at {@code /job} as the only writable place; no network but its own loopback; an
 * unprivileged user without capabilities; per-job cgroups (memory, pids, CPU) where the host
 * allows; only its GPUs' device nodes and {@code CUDA_VISIBLE_DEVICES}. A job that outlives its
 * time limit or is cancelled gets SIGTERM, then after the grace period the whole tree is killed
 * (its PID namespace and cgroups). Results and logs stay in the job's directory, so accounting
 * survives a portal restart.
 */
public class LocalSandboxLauncher implements JobLauncher, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	static final String PREFIX = "local-";

	private static final java.util.regex.Pattern EXTERNAL_ID = java.util.regex.Pattern.compile("local-\\d+-[0-9a-f]{8}");

	private static final FileAttribute<Set<PosixFilePermission>> JOB_DIR_PERMISSIONS = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rwx--x---"));

	private static final Duration WORK_DIR_CHECK_INTERVAL = Duration.ofSeconds(1);

	private static final List<String> NVIDIA_SHARED_NODES = List.of("/dev/nvidiactl", "/dev/nvidia-uvm",
			"/dev/nvidia-uvm-tools", "/dev/nvidia-modeset");

	/** The read-only system: {@code /usr}, {@code /etc} and the top-level folders or links into {@code /usr}. */
	private static final List<String> SYSTEM_BINDS = systemBinds();

	private static final String DROP_HELPER_IN_SANDBOX = "/.sandbox-drop";

	private final LocalSandboxProperties properties;

	private final Clock clock;

	private final Path directory;

	private final JobCgroups cgroups;

	private final boolean root;

	private final List<GpuDevice> gpus;

	private final List<Path> softwarePaths = new ArrayList<>();

	private final List<String> softwarePathProblems = new ArrayList<>();

	private final String gpuSource;

	private final SandboxReport report;

	private final String hostname;

	/**
	 * The uid drop between bwrap and the job's shell when the portal runs as root: the static
	 * {@code sandbox-drop} helper built with the portal (gpu-allocation/launchers/local/sandbox-drop.c),
	 * or null where the build had none or it does not run here, and setpriv does it.
	 */
	private final Path dropHelper;

	/** The job user's and group's names where they have one: setpriv then finds them in /etc, not through NSS modules. */
	private final String sandboxUser;

	private final String sandboxGroup;

	private final Map<String, LocalJob> jobs = new ConcurrentHashMap<>();

	private final List<LocalJob> queue = new ArrayList<>();

	private final TreeSet<Integer> freeGpus = new TreeSet<>();

	/** Processes are started from one long-lived thread: bwrap's --die-with-parent follows the starting thread. */
	private final ExecutorService starter = Executors.newSingleThreadExecutor(Thread.ofPlatform()
		.name("sandbox-starter")
		.daemon()
		.factory());

	private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, Thread.ofPlatform()
		.name("sandbox-timer")
		.daemon()
		.factory());

	/** Measures running jobs' work directories; a thread of its own, so a big tree never delays a time limit. */
	private final ScheduledExecutorService diskWatch = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
		.name("sandbox-disk")
		.daemon()
		.factory());

	public LocalSandboxLauncher(LocalSandboxProperties properties, Clock clock) {
		this(properties, clock, true);
	}

	/** With {@code dropHelper} false, as a build without a C compiler: setpriv drops the job's uid. */
	LocalSandboxLauncher(LocalSandboxProperties properties, Clock clock, boolean dropHelper) {
		this.properties = properties;
		this.clock = clock;
		this.directory = properties.directory().toAbsolutePath().normalize();
		try {
			Files.createDirectories(directory);
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the jobs directory " + directory, ex);
		}
		this.root = currentUid() == 0;
		this.cgroups = new JobCgroups(directory, properties);
		List<GpuDevice> found = nvidiaGpus(properties.nvidiaSmi());
		if (found.isEmpty()) {
			found = new ArrayList<>();
			for (int i = 0; i < properties.virtualGpus(); i++) {
				found.add(new GpuDevice(i, -1, null, "virtual GPU " + i));
			}
			this.gpuSource = "virtual";
		}
		else {
			this.gpuSource = "nvidia-smi";
		}
		this.gpus = List.copyOf(found);
		gpus.forEach(gpu -> freeGpus.add(gpu.index()));
		this.hostname = hostname();
		this.sandboxUser = nameOf(Path.of("/etc/passwd"), properties.sandboxUid());
		this.sandboxGroup = nameOf(Path.of("/etc/group"), properties.sandboxUid());
		properties.softwarePaths().forEach(this::addSoftwarePath);
		this.dropHelper = root && dropHelper ? installDropHelper() : null;
		this.report = probe();
		timers.scheduleWithFixedDelay(this::heartbeat, 5, 5, TimeUnit.SECONDS);
		timers.execute(cgroups::prepareSpare);
		diskWatch.schedule(this::checkWorkDirectories, WORK_DIR_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		if (!report.sandboxed()) {
			log.warn("Local GPU jobs are NOT sandboxed ({}); {}", report.problems(),
					properties.allowUnsandboxed() ? "running them anyway (portal.gpu.local.allow-unsandboxed=true)"
							: "jobs will be refused");
		}
		else {
			log.info("Local GPU sandbox: bwrap {}, user {}, cgroups {}, {} GPUs ({})", report.bwrapVersion(),
					report.jobUser(), report.cgroups(), gpus.size(), gpuSource);
		}
	}

	public SandboxReport report() {
		return report;
	}

	@Override
	public String name() {
		return "local";
	}

	@Override
	public String submit(JobSpec spec) {
		if (!report.sandboxed() && !properties.allowUnsandboxed()) {
			throw new LaunchException("The sandbox does not work on this host: " + String.join("; ", report.problems()));
		}
		if (spec.nodes() != 1) {
			throw new LaunchException("The local launcher has one node");
		}
		if (!properties.partition().equals(spec.partition())) {
			throw new LaunchException("No partition " + spec.partition());
		}
		if (spec.gpus() > gpus.size()) {
			throw new LaunchException("This host has " + gpus.size() + " GPUs");
		}
		// A random part keeps ids unique even if the portal's database starts afresh while the directory stays.
		String externalId = PREFIX + spec.jobId() + "-" + UUID.randomUUID().toString().substring(0, 8);
		Path jobDir = jobDir(externalId);
		try {
			Path work = jobDir.resolve("work");
			try {
				// The job's directory never exists yet (random id): two mkdirs, no walk up the path.
				Files.createDirectory(jobDir, JOB_DIR_PERMISSIONS);
			}
			catch (NoSuchFileException ex) {
				Files.createDirectories(directory);
				Files.createDirectory(jobDir, JOB_DIR_PERMISSIONS);
			}
			Files.createDirectory(work);
			Files.writeString(jobDir.resolve("script.sh"), spec.script(), StandardCharsets.UTF_8);
			for (Map.Entry<String, byte[]> file : spec.inputFiles().entrySet()) {
				Path target = work.resolve(file.getKey()).normalize();
				if (!target.getParent().equals(work)) {
					throw new LaunchException("Bad input file name " + file.getKey());
				}
				Files.write(target, file.getValue());
				if (root) {
					chown(target, properties.sandboxUid());
				}
			}
			if (root) {
				chown(work, properties.sandboxUid());
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
		LocalJob job = new LocalJob(externalId, spec, jobDir);
		jobs.put(externalId, job);
		synchronized (this) {
			queue.add(job);
		}
		dispatch();
		return externalId;
	}

	@Override
	public Map<String, JobStatus> statuses(Collection<String> externalIds) {
		Map<String, JobStatus> statuses = new LinkedHashMap<>();
		for (String externalId : externalIds) {
			if (!isOurs(externalId)) {
				continue;
			}
			LocalJob job = jobs.get(externalId);
			if (job != null) {
				statuses.put(externalId, job.status());
				continue;
			}
			accounting(externalId).ifPresent(accounting -> statuses.put(externalId,
					new JobStatus(accounting.state(), accounting.startedAt(), accounting.endedAt(),
							accounting.exitCode(), hostname, resultReason(externalId))));
		}
		return statuses;
	}

	@Override
	public void cancel(String externalId) {
		LocalJob job = isOurs(externalId) ? jobs.get(externalId) : null;
		if (job == null) {
			return;
		}
		synchronized (this) {
			if (job.state == JobState.QUEUED) {
				queue.remove(job);
				job.stopAs = JobState.CANCELLED;
				finishWithoutRunning(job, JobState.CANCELLED, "cancelled before it started");
				return;
			}
		}
		stop(job, JobState.CANCELLED);
	}

	@Override
	public Optional<JobAccounting> accounting(String externalId) {
		if (!isOurs(externalId)) {
			return Optional.empty();
		}
		LocalJob job = jobs.get(externalId);
		if (job != null && !job.state.isFinished()) {
			return Optional.empty();
		}
		Path jobDir = jobDir(externalId);
		Path result = jobDir.resolve("result.properties");
		if (!Files.exists(result)) {
			if (!Files.isDirectory(jobDir) || job != null) {
				return Optional.empty();
			}
			recoverAfterRestart(jobDir);
		}
		try {
			Properties p = readProperties(result);
			return Optional.of(new JobAccounting(JobState.valueOf(p.getProperty("state")), instant(p, "startedAt"),
					instant(p, "endedAt"), p.getProperty("exitCode") == null ? null
							: Integer.valueOf(p.getProperty("exitCode")),
					Long.parseLong(p.getProperty("elapsedSeconds")), Long.parseLong(p.getProperty("gpuSeconds")),
					Long.parseLong(p.getProperty("cpuSeconds", "-1")),
					Long.parseLong(p.getProperty("peakMemoryBytes", "-1"))));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Unreadable result of local job {}: {}", externalId, ex.toString());
			return Optional.empty();
		}
	}

	private String resultReason(String externalId) {
		try {
			return readProperties(jobDir(externalId).resolve("result.properties")).getProperty("reason");
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public String logTail(String externalId, int maxBytes) {
		if (!isOurs(externalId)) {
			return "";
		}
		Path jobDir = jobDir(externalId);
		String out = JobFiles.tail(jobDir.resolve("stdout.log"), maxBytes);
		String err = JobFiles.tail(jobDir.resolve("stderr.log"), maxBytes / 4);
		return err.isEmpty() ? out : out + (out.isEmpty() || out.endsWith("\n") ? "" : "\n") + "--- stderr ---\n" + err;
	}

	@Override
	public synchronized ClusterCapacity capacity() {
		int used = gpus.size() - freeGpus.size();
		String state = used == 0 ? "idle" : used == gpus.size() ? "allocated" : "mixed";
		long maxTime = Duration.ofDays(7).toSeconds();
		return new ClusterCapacity(
				List.of(new ClusterCapacity.Partition(properties.partition(), 1, gpus.size(), used, maxTime)),
				List.of(new ClusterCapacity.Node(hostname, properties.partition(), state, gpus.size(), used)));
	}

	/** Stops everything still running (portal shutdown): the jobs end as failed and are charged. */
	@Override
	public void close() {
		List<LocalJob> running = jobs.values()
			.stream()
			.filter(job -> job.state == JobState.RUNNING && job.process != null)
			.toList();
		for (LocalJob job : running) {
			if (job.stopAs == null) {
				job.stopAs = JobState.FAILED;
				job.reason = "the portal stopped";
			}
			kill(job);
		}
		for (LocalJob job : running) {
			try {
				job.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// Recorded here, not by the exit callback: the timer thread that runs it stops now.
			if (!job.process.isAlive()) {
				finished(job);
			}
		}
		timers.shutdownNow();
		starter.shutdownNow();
		diskWatch.shutdownNow();
		try {
			// A spare cgroup in the making would be left behind otherwise.
			timers.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		cgroups.removeParents();
	}

	// --- running jobs ---

	private void dispatch() {
		List<LocalJob> toStart = new ArrayList<>();
		synchronized (this) {
			while (!queue.isEmpty() && queue.getFirst().spec.gpus() <= freeGpus.size()) {
				LocalJob job = queue.removeFirst();
				for (int i = 0; i < job.spec.gpus(); i++) {
					job.gpuIndexes.add(freeGpus.pollFirst());
				}
				job.state = JobState.RUNNING;
				toStart.add(job);
			}
		}
		for (LocalJob job : toStart) {
			try {
				starter.submit(() -> {
					start(job);
					return null;
				}).get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				log.warn("Could not start local job {}", job.spec.jobId(), ex.getCause());
				finishWithoutRunning(job, JobState.LAUNCH_FAILED, "could not start: " + ex.getCause().getMessage());
			}
		}
	}

	private void start(LocalJob job) throws IOException {
		job.cgroup = cgroups.killable() ? cgroups.take() : null;
		List<String> command = new ArrayList<>();
		// v1 cgroups are joined by the starting thread itself (JobCgroup.start); only a v2 cgroup needs a wrapper.
		List<String> procs = job.cgroup == null ? List.of() : job.cgroup.wrapperProcsFiles();
		if (!procs.isEmpty()) {
			command.addAll(List.of("/bin/sh", "-c", "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125;"
					+ " shift; n=$((n-1)); done; exec \"$@\"", "sh", Integer.toString(procs.size())));
			command.addAll(procs);
		}
		command.addAll(sandboxCommand(job.dir, devices(job.gpuIndexes), environment(job), report.sandboxed()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(job.dir.toFile())
			.redirectOutput(ProcessBuilder.Redirect.appendTo(job.dir.resolve("stdout.log").toFile()))
			.redirectError(ProcessBuilder.Redirect.appendTo(job.dir.resolve("stderr.log").toFile()));
		builder.environment().clear();
		builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
		job.startedAt = clock.instant();
		job.process = job.cgroup == null ? builder.start() : job.cgroup.start(builder);
		Properties started = new Properties();
		started.setProperty("startedAt", job.startedAt.toString());
		started.setProperty("gpus", job.gpuIndexes.stream().map(String::valueOf).collect(Collectors.joining(",")));
		writeProperties(job.dir.resolve("started.properties"), started);
		job.timeout = timers.schedule(() -> stop(job, JobState.TIMED_OUT), job.spec.timeLimit().toMillis(),
				TimeUnit.MILLISECONDS);
		job.process.onExit().thenRunAsync(() -> finished(job), timers);
	}

	/** SIGTERM to every process of the job but bubblewrap itself; SIGKILL to the tree after the grace period. */
	private void stop(LocalJob job, JobState as) {
		synchronized (job) {
			if (job.state != JobState.RUNNING || job.stopAs != null) {
				return;
			}
			job.stopAs = as;
		}
		ProcessHandle bwrap = job.process.toHandle();
		List<ProcessHandle> targets = new ArrayList<>(bwrap.descendants().toList());
		if (job.cgroup != null) {
			job.cgroup.pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(targets::add));
		}
		targets.stream()
			.filter(handle -> handle.pid() != bwrap.pid() && !isBwrap(handle))
			.distinct()
			.forEach(ProcessHandle::destroy);
		timers.schedule(() -> kill(job), properties.gracePeriod().toMillis(), TimeUnit.MILLISECONDS);
	}

	private void kill(LocalJob job) {
		if (job.process != null) {
			job.process.destroyForcibly();
		}
		if (job.cgroup != null) {
			job.cgroup.killAll();
		}
	}

	private void finished(LocalJob job) {
		if (!job.finishing.compareAndSet(false, true)) {
			return;
		}
		if (job.timeout != null) {
			job.timeout.cancel(false);
		}
		Instant ended = clock.instant();
		// The PID namespace is gone with bwrap; anything that escaped into the cgroups goes too.
		if (job.cgroup != null) {
			job.cgroup.killAll();
		}
		int exitCode = job.process.exitValue();
		long cpuNanos = job.cgroup == null ? -1 : job.cgroup.cpuNanos();
		long peak = job.cgroup == null ? -1 : job.cgroup.peakMemoryBytes();
		boolean oom = job.cgroup != null && job.cgroup.hitMemoryLimit();
		JobState state = job.stopAs != null ? job.stopAs : exitCode == 0 ? JobState.COMPLETED : JobState.FAILED;
		if (job.reason == null && oom) {
			job.reason = "out of memory (limit " + properties.memoryLimit().toMegabytes() + " MB)";
		}
		if (job.reason == null && state == JobState.TIMED_OUT) {
			job.reason = "time limit " + job.spec.timeLimit().toSeconds() + " s reached";
		}
		long elapsed = Math.max(1, Math.round(Duration.between(job.startedAt, ended).toMillis() / 1000.0));
		writeResult(job, state, ended, exitCode, elapsed, cpuNanos < 0 ? -1 : Math.round(cpuNanos / 1e9), peak);
		release(job);
		if (job.cgroup != null) {
			job.cgroup.remove();
			cgroups.prepareSpare();
		}
	}

	private void finishWithoutRunning(LocalJob job, JobState state, String reason) {
		job.reason = reason;
		writeResult(job, state, clock.instant(), null, 0, -1, -1);
		release(job);
	}

	private void writeResult(LocalJob job, JobState state, Instant ended, Integer exitCode, long elapsed,
			long cpuSeconds, long peak) {
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
			writeProperties(job.dir.resolve("result.properties"), result);
		}
		catch (IOException ex) {
			log.error("Could not record the result of local job {}", job.spec.jobId(), ex);
		}
		job.endedAt = ended;
		job.exitCode = exitCode;
		job.state = state;
	}

	private void release(LocalJob job) {
		synchronized (this) {
			freeGpus.addAll(job.gpuIndexes);
		}
		jobs.remove(job.externalId);
		dispatch();
	}

	/**
	 * A job directory without a result after a restart: the job died with the previous portal
	 * (bwrap's --die-with-parent). It is charged from its start to its last sign of life.
	 */
	private void recoverAfterRestart(Path jobDir) {
		try {
			Properties submitted = readProperties(jobDir.resolve("submitted.properties"));
			int gpuCount = Integer.parseInt(submitted.getProperty("gpus"));
			Properties result = new Properties();
			Path startedFile = jobDir.resolve("started.properties");
			if (Files.exists(startedFile)) {
				Instant started = Instant.parse(readProperties(startedFile).getProperty("startedAt"));
				Instant lastSign = started;
				for (String name : List.of("started.properties", "heartbeat", "stdout.log", "stderr.log")) {
					Path file = jobDir.resolve(name);
					if (Files.exists(file)) {
						Instant modified = Files.getLastModifiedTime(file).toInstant();
						lastSign = modified.isAfter(lastSign) ? modified : lastSign;
					}
				}
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
			writeProperties(jobDir.resolve("result.properties"), result);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not recover local job directory {}: {}", jobDir, ex.toString());
		}
	}

	/**
	 * Stops every running job whose work directory holds more than the cap. Polling, so a job can
	 * overshoot by what it writes between two checks; the checks run at most a tenth of the time,
	 * so a tree of millions of files is measured less often rather than hogging a core.
	 */
	private void checkWorkDirectories() {
		long began = System.nanoTime();
		long cap = properties.maxWorkDirSize().toBytes();
		try {
			for (LocalJob job : jobs.values()) {
				if (job.state == JobState.RUNNING && job.process != null && job.stopAs == null
						&& sizeOf(job.dir.resolve("work"), cap) > cap) {
					failNow(job, "work directory over " + describe(properties.maxWorkDirSize()));
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Checking the jobs' work directories failed", ex);
		}
		finally {
			long spent = System.nanoTime() - began;
			long delay = Math.max(WORK_DIR_CHECK_INTERVAL.toNanos(), 10 * spent);
			if (!diskWatch.isShutdown()) {
				diskWatch.schedule(this::checkWorkDirectories, delay, TimeUnit.NANOSECONDS);
			}
		}
	}

	/** A job over a hard cap gets no grace period: it would only write more. */
	private void failNow(LocalJob job, String reason) {
		synchronized (job) {
			if (job.state != JobState.RUNNING || job.stopAs != null) {
				return;
			}
			job.stopAs = JobState.FAILED;
			job.reason = reason;
		}
		log.info("Stopping local job {}: {}", job.spec.jobId(), reason);
		kill(job);
	}

	/**
	 * The bytes in a directory tree (files' sizes and directories' own sizes; links not followed),
	 * counting stops early once past {@code enough}.
	 */
	static long sizeOf(Path directory, long enough) {
		long[] total = { 0 };
		try {
			Files.walkFileTree(directory, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					return add(attributes);
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					return add(attributes);
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					// Deleted while we looked, or unreadable: the job's business.
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException ex) {
					return FileVisitResult.CONTINUE;
				}

				private FileVisitResult add(BasicFileAttributes attributes) {
					total[0] += attributes.size();
					return total[0] > enough ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			log.debug("Could not measure {}: {}", directory, ex.getMessage());
		}
		return total[0];
	}

	/** "10 GB", "512 MB": a size as an administrator configured it. */
	static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
			return (bytes >> 30) + " GB";
		}
		if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
			return (bytes >> 20) + " MB";
		}
		return bytes >= 1L << 10 && bytes % (1L << 10) == 0 ? (bytes >> 10) + " KB" : bytes + " bytes";
	}

	private void heartbeat() {
		for (LocalJob job : jobs.values()) {
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

	// --- the sandbox ---

	/**
	 * The bubblewrap command for a job directory; the script is {@code script.sh} there and the
	 * work directory {@code work/}, which is the only thing of the host the job sees writable.
	 */
	List<String> sandboxCommand(Path jobDir, List<String> deviceNodes, Map<String, String> environment,
			boolean sandboxed) {
		List<String> command = new ArrayList<>();
		if (!sandboxed) {
			command.addAll(List.of("/usr/bin/env", "-i"));
			environment.forEach((key, value) -> command.add(key + "=" + value));
			command.addAll(List.of("/bin/sh", "-c", "cd \"$1\" || exit 125; script=$2; set --; " + jobShell("\"$script\""),
					"sh", jobDir.resolve("work").toString(), jobDir.resolve("script.sh").toString()));
			return command;
		}
		command.add(properties.bwrap());
		command.addAll(List.of("--die-with-parent", "--new-session", "--unshare-ipc", "--unshare-pid", "--unshare-net",
				"--unshare-uts", "--unshare-cgroup-try", "--hostname", "job"));
		if (!root) {
			command.addAll(List.of("--unshare-user", "--disable-userns"));
		}
		command.addAll(SYSTEM_BINDS);
		command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp", "--bind",
				jobDir.resolve("work").toString(), "/job", "--ro-bind", jobDir.resolve("script.sh").toString(),
				"/job-script.sh"));
		for (Path software : softwarePaths) {
			command.addAll(List.of("--ro-bind", software.toString(), software.toString()));
		}
		if (root && dropHelper != null) {
			command.addAll(List.of("--ro-bind", dropHelper.toString(), DROP_HELPER_IN_SANDBOX));
		}
		command.addAll(List.of("--chdir", "/job", "--clearenv"));
		if (!deviceNodes.isEmpty()) {
			// NVML needs the PCI view of the GPUs.
			command.addAll(List.of("--ro-bind", "/sys", "/sys"));
		}
		for (String node : deviceNodes) {
			command.addAll(List.of("--dev-bind", node, node));
		}
		environment.forEach((key, value) -> command.addAll(List.of("--setenv", key, value)));
		command.add("--");
		if (root && dropHelper != null) {
			String id = Integer.toString(properties.sandboxUid());
			command.addAll(List.of(DROP_HELPER_IN_SANDBOX, id, id));
		}
		else if (root) {
			command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + sandboxUser, "--regid=" + sandboxGroup, "--clear-groups",
					"--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
		}
		command.addAll(List.of("/bin/sh", "-c", jobShell("/job-script.sh"), "/job-script.sh"));
		return command;
	}

	/**
	 * The job's shell: caps the size of every file the job writes, its logs included, then runs the
	 * script in the same shell (one exec fewer than a wrapper; the job cannot raise the hard limit).
	 */
	private String jobShell(String script) {
		long blocks = Math.max(1, properties.maxFileSize().toBytes() / 512);
		// LANG here rather than in bwrap's environment: setpriv would load the locale's files first.
		return "export LANG=C.UTF-8; ulimit -f " + blocks + " || exit 125; . " + script;
	}

	private static List<String> systemBinds() {
		List<String> binds = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
		for (String link : List.of("bin", "lib", "lib32", "lib64", "libx32", "sbin")) {
			Path path = Path.of("/" + link);
			if (Files.isSymbolicLink(path)) {
				binds.addAll(List.of("--symlink", "usr/" + link, "/" + link));
			}
			else if (Files.isDirectory(path)) {
				binds.addAll(List.of("--ro-bind", "/" + link, "/" + link));
			}
		}
		return List.copyOf(binds);
	}

	private void addSoftwarePath(Path configured) {
		Path path = configured.toAbsolutePath().normalize();
		Path dataDirectory = directory.getParent() == null ? directory : directory.getParent();
		if (!Files.isDirectory(path)) {
			softwarePathProblems.add("software path " + configured + " ignored: not a directory");
		}
		else if (dataDirectory.startsWith(path) || path.startsWith(directory)) {
			// Binding it would show jobs each other's files or the portal's data next to the jobs directory.
			softwarePathProblems.add("software path " + configured + " ignored: it holds the jobs' or the portal's data");
		}
		else if (!reachableByEveryone(path)) {
			softwarePathProblems.add("software path " + configured + " ignored: the job user cannot reach it (a folder"
					+ " on the way lacks o+x)");
		}
		else {
			softwarePaths.add(path);
		}
	}

	private static boolean reachableByEveryone(Path path) {
		try {
			for (Path folder = path; folder != null; folder = folder.getParent()) {
				if (!Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_EXECUTE)) {
					return false;
				}
			}
			return true;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	private Map<String, String> environment(LocalJob job) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
		environment.put("HOME", "/job");
		environment.put("TMPDIR", "/tmp");
		environment.put("PORTAL_JOB_ID", Long.toString(job.spec.jobId()));
		environment.put("PORTAL_JOB_NAME", job.spec.name());
		environment.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
		environment.put("CUDA_VISIBLE_DEVICES", job.gpuIndexes.stream()
			.map(index -> gpus.stream().filter(gpu -> gpu.index() == index).findFirst().orElseThrow())
			.map(GpuDevice::visibleDevicesEntry)
			.collect(Collectors.joining(",")));
		return environment;
	}

	private List<String> devices(List<Integer> indexes) {
		List<String> nodes = new ArrayList<>();
		for (int index : indexes) {
			GpuDevice gpu = gpus.stream().filter(candidate -> candidate.index() == index).findFirst().orElseThrow();
			if (!gpu.isVirtual() && Files.exists(Path.of("/dev/nvidia" + gpu.minor()))) {
				nodes.add("/dev/nvidia" + gpu.minor());
			}
		}
		if (!nodes.isEmpty()) {
			NVIDIA_SHARED_NODES.stream().filter(node -> Files.exists(Path.of(node))).forEach(nodes::add);
		}
		return nodes;
	}

	private SandboxReport probe() {
		List<String> problems = new ArrayList<>();
		String version = run(List.of(properties.bwrap(), "--version"));
		if (version == null) {
			problems.add("bubblewrap not found at " + properties.bwrap() + " (apt-get install bubblewrap)");
		}
		if (root && dropHelper == null && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
			problems.add("setpriv missing (util-linux)");
		}
		boolean sandboxed = false;
		String expectedUid = root ? Integer.toString(properties.sandboxUid()) : Long.toString(currentUid());
		if (version != null) {
			Path probeDir = directory.resolve(".probe");
			try {
				Files.createDirectories(probeDir.resolve("work"));
				Files.writeString(probeDir.resolve("script.sh"),
						"id -u; grep CapEff /proc/self/status; echo NET; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '\n");
				if (root) {
					chown(probeDir.resolve("work"), properties.sandboxUid());
				}
				Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin");
				String output = run(sandboxCommand(probeDir, List.of(), environment, true));
				if (output == null) {
					problems.add("bubblewrap could not start a sandbox (user namespaces or mount rights missing)");
				}
				else {
					String[] lines = output.split("\n");
					boolean uidOk = lines.length > 0 && lines[0].strip().equals(expectedUid) && !expectedUid.equals("0");
					boolean noCaps = output.contains("CapEff:\t0000000000000000");
					List<String> interfaces = output.substring(output.indexOf("NET") + 3).strip().lines().toList();
					boolean onlyLoopback = output.contains("NET") && interfaces.equals(List.of("lo"));
					if (!uidOk) {
						problems.add("jobs would not run as an unprivileged user");
					}
					if (!noCaps) {
						problems.add("jobs would keep capabilities");
					}
					if (!onlyLoopback) {
						problems.add("jobs would see network interfaces");
					}
					sandboxed = uidOk && noCaps && onlyLoopback;
				}
			}
			catch (IOException ex) {
				problems.add("probe failed: " + ex.getMessage());
			}
		}
		problems.addAll(softwarePathProblems);
		if (!cgroups.memoryLimit()) {
			problems.add("no per-job memory limit (cgroup memory controller not writable)");
		}
		if (!cgroups.pidsLimit()) {
			problems.add("no per-job process limit (cgroup pids controller not writable)");
		}
		if (!cgroups.cpuLimit()) {
			problems.add("no per-job CPU quota (cgroup cpu controller not writable)");
		}
		String jobUser = root ? "uid " + properties.sandboxUid() + " via " + (dropHelper != null ? "sandbox-drop" : "setpriv")
				+ ", no capabilities"
				: "uid " + currentUid() + " in a user namespace, no capabilities";
		return new SandboxReport(sandboxed, version == null ? null : version.strip(), jobUser, cgroups.describe(),
				cgroups.memoryLimit(), cgroups.pidsLimit(), cgroups.cpuLimit(), gpuSource, gpus, List.copyOf(problems));
	}

	/**
	 * Copies the build's {@code sandbox-drop} helper out of the class path into the jobs directory
	 * (root's, mode 0500, in a 0700 folder no job sees) and checks that it runs here; null if not.
	 */
	private Path installDropHelper() {
		String arch = System.getProperty("os.arch");
		try (InputStream helper = LocalSandboxLauncher.class.getResourceAsStream("sandbox-drop-linux-" + arch)) {
			if (helper == null) {
				log.info("No sandbox-drop helper for {} in this build: job uids are dropped with setpriv", arch);
				return null;
			}
			Path bin = directory.resolve(".bin");
			Files.createDirectories(bin);
			Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
			Path temporary = Files.createTempFile(bin, "sandbox-drop", ".tmp");
			Files.copy(helper, temporary, StandardCopyOption.REPLACE_EXISTING);
			Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r-x------"));
			Path installed = bin.resolve("sandbox-drop");
			Files.move(temporary, installed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			String id = Integer.toString(properties.sandboxUid());
			String output = run(List.of(installed.toString(), id, id, "/usr/bin/id", "-u"));
			if (output == null || !output.strip().equals(id)) {
				log.warn("The sandbox-drop helper does not run here ({}): job uids are dropped with setpriv", output);
				return null;
			}
			return installed;
		}
		catch (IOException ex) {
			log.warn("Could not install the sandbox-drop helper ({}): job uids are dropped with setpriv", ex.getMessage());
			return null;
		}
	}

	// --- helpers ---

	/** The job's directory: its work directory, script, logs and result. */
	Path jobDir(String externalId) {
		return directory.resolve(externalId);
	}

	private static boolean isOurs(String externalId) {
		return externalId != null && EXTERNAL_ID.matcher(externalId).matches();
	}

	private static boolean isBwrap(ProcessHandle handle) {
		return handle.info().command().map(command -> command.endsWith("/bwrap") || command.equals("bwrap")).orElse(false);
	}

	private static void chown(Path file, int uid) throws IOException {
		Files.setAttribute(file, "unix:uid", uid);
		Files.setAttribute(file, "unix:gid", uid);
	}

	private static void writeProperties(Path file, Properties properties) throws IOException {
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

	private static Properties readProperties(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	private static Instant instant(Properties properties, String key) {
		String value = properties.getProperty(key);
		return value == null ? null : Instant.parse(value);
	}

	/** Runs a short command and returns its output, or null when it fails. */
	private static String run(List<String> command) {
		if (command.isEmpty()) {
			return null;
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return null;
			}
			return process.exitValue() == 0 ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** GPUs from nvidia-smi, with their device minor numbers; empty when there is no NVIDIA driver. */
	static List<GpuDevice> nvidiaGpus(String nvidiaSmi) {
		String output = run(List.of(nvidiaSmi, "--query-gpu=index,uuid,name,pci.bus_id", "--format=csv,noheader"));
		if (output == null) {
			return List.of();
		}
		List<GpuDevice> found = new ArrayList<>();
		for (String line : output.split("\n")) {
			String[] fields = line.split(",\\s*");
			if (fields.length < 4) {
				continue;
			}
			try {
				int index = Integer.parseInt(fields[0].strip());
				found.add(new GpuDevice(index, minorNumber(fields[3].strip(), index), fields[1].strip(), fields[2].strip()));
			}
			catch (NumberFormatException ex) {
				log.debug("Unexpected nvidia-smi line {}", line);
			}
		}
		return found;
	}

	private static int minorNumber(String busId, int fallback) {
		String id = busId.toLowerCase();
		if (id.length() > 12) {
			id = id.substring(id.length() - 12);
		}
		Path information = Path.of("/proc/driver/nvidia/gpus", id, "information");
		try {
			for (String line : Files.readAllLines(information)) {
				if (line.startsWith("Device Minor:")) {
					return Integer.parseInt(line.substring("Device Minor:".length()).strip());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Older drivers: the minor number is usually the index.
		}
		return fallback;
	}

	private static long currentUid() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux.
		}
		return -1;
	}

	/** The name of an id in /etc/passwd or /etc/group, or the number when it has none. */
	static String nameOf(Path database, int id) {
		try (var lines = Files.lines(database)) {
			return lines.map(line -> line.split(":", 4))
				.filter(fields -> fields.length >= 3 && fields[2].equals(Integer.toString(id))
						&& fields[0].matches("[a-z_][a-z0-9_-]*"))
				.map(fields -> fields[0])
				.findFirst()
				.orElse(Integer.toString(id));
		}
		catch (IOException | UncheckedIOException ex) {
			return Integer.toString(id);
		}
	}

	private static String hostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

	/** One job on this host. */
	private static final class LocalJob {

		final String externalId;

		final JobSpec spec;

		final Path dir;

		final List<Integer> gpuIndexes = new ArrayList<>();

		volatile JobState state = JobState.QUEUED;

		volatile JobState stopAs;

		volatile String reason;

		volatile Process process;

		volatile JobCgroups.JobCgroup cgroup;

		volatile java.util.concurrent.ScheduledFuture<?> timeout;

		volatile Instant startedAt;

		volatile Instant endedAt;

		volatile Integer exitCode;

		final java.util.concurrent.atomic.AtomicBoolean finishing = new java.util.concurrent.atomic.AtomicBoolean();

		LocalJob(String externalId, JobSpec spec, Path dir) {
			this.externalId = externalId;
			this.spec = spec;
			this.dir = dir;
		}

		JobStatus status() {
			String placement = gpuIndexes.isEmpty() ? "" : "GPU " + gpuIndexes.stream().map(String::valueOf)
				.collect(Collectors.joining(","));
			return new JobStatus(state, startedAt, endedAt, exitCode, placement, reason);
		}

	}

}
