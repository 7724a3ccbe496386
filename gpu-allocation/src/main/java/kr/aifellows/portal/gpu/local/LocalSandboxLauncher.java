package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import kr.aifellows.portal.gpu.ClusterCapacity;
import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobFiles;
import kr.aifellows.portal.gpu.JobLauncher;
import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.JobStatus;
import kr.aifellows.portal.gpu.LaunchException;
import kr.aifellows.portal.gpu.LauncherHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on this host, each in a bubblewrap sandbox: its own mount, PID, network, IPC
 * and UTS namespaces; a read-only {@code /usr} and {@code /etc}; a private {@code /tmp};
 * its work directory at {@code /job} as the only writable place; no network but its own
 * loopback; an unprivileged user without capabilities; per-job cgroups (memory, pids,
 * CPU) where the host allows; only its GPUs' device nodes and
 * {@code CUDA_VISIBLE_DEVICES}. A job that outlives its time limit or is cancelled gets
 * SIGTERM, then after the grace period the whole tree is killed (its PID namespace and
 * cgroups). Results and logs stay in the job's directory, so accounting survives a portal
 * restart.
 */
public class LocalSandboxLauncher implements JobLauncher, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	static final String PREFIX = "local-";

	private static final Pattern EXTERNAL_ID = Pattern.compile("local-\\d+-[0-9a-f]{8}");

	private final LocalSandboxProperties properties;

	private final Clock clock;

	private final JobCgroups cgroups;

	private final List<GpuDevice> gpus;

	private final String gpuSource;

	private final SandboxHealth sandbox;

	private final String hostname;

	private final JobDirectory jobDirectory;

	private final JobResults results;

	private final JobProcesses processes;

	private final WorkDirectoryWatch workDirectoryWatch;

	private final Map<String, LocalJob> jobs = new ConcurrentHashMap<>();

	private final JobQueue queue;

	private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1,
			Thread.ofPlatform().name("sandbox-timer").daemon().factory());

	public LocalSandboxLauncher(LocalSandboxProperties properties, Clock clock) {
		this(properties, clock, true);
	}

	/**
	 * With {@code dropHelper} false, as a build without a C compiler: setpriv drops the
	 * job's uid.
	 */
	LocalSandboxLauncher(LocalSandboxProperties properties, Clock clock, boolean dropHelper) {
		this.properties = properties;
		this.clock = clock;
		Path directory = properties.directory().toAbsolutePath().normalize();
		try {
			Files.createDirectories(directory);
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the jobs directory " + directory, ex);
		}
		boolean root = SandboxProbe.currentUid() == 0;
		this.cgroups = new JobCgroups(directory, properties);
		List<GpuDevice> found = SandboxProbe.nvidiaGpus(properties.nvidiaSmi());
		this.gpuSource = found.isEmpty() ? "virtual" : "nvidia-smi";
		this.gpus = found.isEmpty() ? virtualGpus(properties.virtualGpus()) : List.copyOf(found);
		this.hostname = SandboxProbe.hostname();
		Path helper = root && dropHelper ? SandboxProbe.installDropHelper(directory, properties.sandboxUid()) : null;
		SandboxCommandLine commandLine = new SandboxCommandLine(properties, directory, root, gpus, helper);
		this.sandbox = new SandboxHealth(
				() -> SandboxProbe.probe(properties, directory, root, commandLine, cgroups, gpuSource, gpus), clock);
		this.jobDirectory = new JobDirectory(directory, root, properties.sandboxUid(), clock);
		this.results = new JobResults(clock);
		this.processes = new JobProcesses(properties, clock, cgroups, commandLine, jobDirectory, timers,
				this::finished);
		this.queue = new JobQueue(properties, clock, cgroups, results, processes, jobs, gpus,
				() -> sandbox.report().sandboxed());
		this.workDirectoryWatch = new WorkDirectoryWatch(properties.maxWorkDirSize(), jobs.values(),
				processes::failNow);
		timers.scheduleWithFixedDelay(() -> jobDirectory.heartbeat(jobs.values()), 5, 5, TimeUnit.SECONDS);
		timers.execute(cgroups::prepareSpare);
		timers.scheduleWithFixedDelay(this::recheckSandbox, 1, 1, TimeUnit.MINUTES);
		workDirectoryWatch.start();
		logReport();
	}

	private static List<GpuDevice> virtualGpus(int count) {
		List<GpuDevice> virtual = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			virtual.add(new GpuDevice(i, -1, null, "virtual GPU " + i));
		}
		return List.copyOf(virtual);
	}

	private void recheckSandbox() {
		if (sandbox.recheckWhenUnusable()) {
			logReport();
		}
	}

	private void logReport() {
		SandboxReport report = sandbox.report();
		if (!report.sandboxed()) {
			log.warn("Local GPU jobs are NOT sandboxed ({}); {}", report.problems(), properties.allowUnsandboxed()
					? "running them anyway (portal.gpu.local.allow-unsandboxed=true)" : "jobs will be refused");
		}
		else {
			log.info("Local GPU sandbox: bwrap {}, user {}, cgroups {}, {} GPUs ({})", report.bwrapVersion(),
					report.jobUser(), report.cgroups(), gpus.size(), gpuSource);
		}
	}

	public SandboxReport report() {
		return sandbox.report();
	}

	@Override
	public LauncherHealth health() {
		return sandbox.health(properties.allowUnsandboxed());
	}

	@Override
	public String name() {
		return "local";
	}

	@Override
	public String submit(JobSpec spec) {
		recheckSandbox();
		SandboxReport report = sandbox.report();
		if (!report.sandboxed() && !properties.allowUnsandboxed()) {
			throw new LaunchException(
					"The sandbox does not work on this host: " + String.join("; ", report.problems()));
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
		// A random part keeps ids unique even if the portal's database starts afresh
		// while the directory stays.
		String externalId = PREFIX + spec.jobId() + "-" + UUID.randomUUID().toString().substring(0, 8);
		LocalJob job = new LocalJob(externalId, spec, jobDirectory.create(externalId, spec));
		jobs.put(externalId, job);
		queue.add(job);
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
							accounting.exitCode(), hostname, results.reason(jobDir(externalId)))));
		}
		return statuses;
	}

	@Override
	public void cancel(String externalId) {
		LocalJob job = isOurs(externalId) ? jobs.get(externalId) : null;
		if (job == null) {
			return;
		}
		if (!queue.cancelQueued(job)) {
			processes.stop(job, JobState.CANCELLED);
		}
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
		if (!JobResults.exists(jobDir)) {
			if (!Files.isDirectory(jobDir) || job != null) {
				return Optional.empty();
			}
			results.recoverAfterRestart(jobDir);
		}
		return results.read(externalId, jobDir);
	}

	@Override
	public String logTail(String externalId, int maxBytes) {
		return isOurs(externalId) ? jobDirectory.logTail(externalId, maxBytes) : "";
	}

	@Override
	public void discardFiles(long jobId, String externalId) {
		if (!isOurs(externalId) || jobs.containsKey(externalId)) {
			return;
		}
		try {
			JobFiles.deleteTree(jobDirectory.jobDir(externalId));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not remove the files of job " + jobId, ex);
		}
	}

	@Override
	public ClusterCapacity capacity() {
		int used = queue.usedGpus();
		String state = used == 0 ? "idle" : used == gpus.size() ? "allocated" : "mixed";
		long maxTime = Duration.ofDays(7).toSeconds();
		return new ClusterCapacity(
				List.of(new ClusterCapacity.Partition(properties.partition(), 1, gpus.size(), used, maxTime)),
				List.of(new ClusterCapacity.Node(hostname, properties.partition(), state, gpus.size(), used)));
	}

	/**
	 * Stops everything still running (portal shutdown): the jobs end as failed and are
	 * charged.
	 */
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
			processes.kill(job);
		}
		for (LocalJob job : running) {
			try {
				job.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// Recorded here, not by the exit callback: the timer thread that runs it
			// stops now.
			if (!job.process.isAlive()) {
				finished(job);
			}
		}
		timers.shutdownNow();
		queue.shutdown();
		workDirectoryWatch.close();
		try {
			// A spare cgroup in the making would be left behind otherwise.
			timers.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		cgroups.removeParents();
	}

	/** The job's directory: its work directory, script, logs and result. */
	Path jobDir(String externalId) {
		return jobDirectory.jobDir(externalId);
	}

	private void finished(LocalJob job) {
		queue.finished(job);
	}

	private static boolean isOurs(String externalId) {
		return externalId != null && EXTERNAL_ID.matcher(externalId).matches();
	}

}
