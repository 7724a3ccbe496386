package kr.aifellows.portal.gpu.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import kr.aifellows.portal.gpu.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local launcher's queue: jobs wait in order for enough free GPUs, are started from
 * one thread, and at their end are recorded and give their GPUs back to the next.
 */
class JobQueue {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	private final LocalSandboxProperties properties;

	private final Clock clock;

	private final JobCgroups cgroups;

	private final JobResults results;

	private final JobProcesses processes;

	private final Map<String, LocalJob> jobs;

	private final BooleanSupplier sandboxed;

	private final int gpuCount;

	private final List<LocalJob> queue = new ArrayList<>();

	private final TreeSet<Integer> freeGpus = new TreeSet<>();

	/**
	 * Processes are started from one long-lived thread: bwrap's --die-with-parent follows
	 * the starting thread.
	 */
	private final ExecutorService starter = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("sandbox-starter").daemon().factory());

	JobQueue(LocalSandboxProperties properties, Clock clock, JobCgroups cgroups, JobResults results,
			JobProcesses processes, Map<String, LocalJob> jobs, List<GpuDevice> gpus, BooleanSupplier sandboxed) {
		this.properties = properties;
		this.clock = clock;
		this.cgroups = cgroups;
		this.results = results;
		this.processes = processes;
		this.jobs = jobs;
		this.sandboxed = sandboxed;
		this.gpuCount = gpus.size();
		gpus.forEach(gpu -> freeGpus.add(gpu.index()));
	}

	void add(LocalJob job) {
		synchronized (this) {
			queue.add(job);
		}
		dispatch();
	}

	/** Ends a job that is still waiting; false when it has started already. */
	boolean cancelQueued(LocalJob job) {
		synchronized (this) {
			if (job.state == JobState.QUEUED) {
				queue.remove(job);
				job.stopAs = JobState.CANCELLED;
				finishWithoutRunning(job, JobState.CANCELLED, "cancelled before it started");
				return true;
			}
		}
		return false;
	}

	synchronized int usedGpus() {
		return gpuCount - freeGpus.size();
	}

	void shutdown() {
		starter.shutdownNow();
	}

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
					processes.start(job, sandboxed.getAsBoolean());
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

	/** Records the job's end from its cgroups and exit, and gives its GPUs back. */
	void finished(LocalJob job) {
		if (!job.finishing.compareAndSet(false, true)) {
			return;
		}
		if (job.timeout != null) {
			job.timeout.cancel(false);
		}
		Instant ended = clock.instant();
		// The PID namespace is gone with bwrap; anything that escaped into the cgroups
		// goes too.
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
		results.write(job, state, ended, exitCode, elapsed, cpuNanos < 0 ? -1 : Math.round(cpuNanos / 1e9), peak);
		release(job);
		if (job.cgroup != null) {
			job.cgroup.remove();
			cgroups.prepareSpare();
		}
	}

	private void finishWithoutRunning(LocalJob job, JobState state, String reason) {
		job.reason = reason;
		results.write(job, state, clock.instant(), null, 0, -1, -1);
		release(job);
	}

	private void release(LocalJob job) {
		synchronized (this) {
			freeGpus.addAll(job.gpuIndexes);
		}
		jobs.remove(job.externalId);
		dispatch();
	}

}
