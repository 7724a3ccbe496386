package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import kr.aifellows.portal.gpu.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job's sandbox inside its cgroups, with its logs and its time limit, and stops
 * it: SIGTERM first and SIGKILL to the whole tree after the grace period, or SIGKILL at
 * once.
 */
final class JobProcesses {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	private final LocalSandboxProperties properties;

	private final Clock clock;

	private final JobCgroups cgroups;

	private final SandboxCommandLine commandLine;

	private final JobDirectory directory;

	private final ScheduledExecutorService timers;

	private final Consumer<LocalJob> onExit;

	JobProcesses(LocalSandboxProperties properties, Clock clock, JobCgroups cgroups, SandboxCommandLine commandLine,
			JobDirectory directory, ScheduledExecutorService timers, Consumer<LocalJob> onExit) {
		this.properties = properties;
		this.clock = clock;
		this.cgroups = cgroups;
		this.commandLine = commandLine;
		this.directory = directory;
		this.timers = timers;
		this.onExit = onExit;
	}

	/**
	 * Starts the job (on the launcher's starter thread); its exit is handed to
	 * {@code onExit} on a timer thread.
	 */
	void start(LocalJob job, boolean sandboxed) throws IOException {
		job.cgroup = cgroups.killable() ? cgroups.take() : null;
		List<String> command = new ArrayList<>();
		// v1 cgroups are joined by the starting thread itself (JobCgroup.start); only a
		// v2 cgroup needs a wrapper.
		List<String> procs = job.cgroup == null ? List.of() : job.cgroup.wrapperProcsFiles();
		if (!procs.isEmpty()) {
			command
				.addAll(List.of("/bin/sh", "-c", "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125;"
						+ " shift; n=$((n-1)); done; exec \"$@\"", "sh", Integer.toString(procs.size())));
			command.addAll(procs);
		}
		command.addAll(commandLine.sandboxCommand(job.dir, commandLine.devices(job.gpuIndexes),
				commandLine.environment(job), sandboxed));
		ProcessBuilder builder = new ProcessBuilder(command).directory(job.dir.toFile())
			.redirectOutput(ProcessBuilder.Redirect.appendTo(job.dir.resolve("stdout.log").toFile()))
			.redirectError(ProcessBuilder.Redirect.appendTo(job.dir.resolve("stderr.log").toFile()));
		builder.environment().clear();
		builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
		job.startedAt = clock.instant();
		job.process = job.cgroup == null ? builder.start() : job.cgroup.start(builder);
		directory.writeStarted(job);
		job.timeout = timers.schedule(() -> stop(job, JobState.TIMED_OUT), job.spec.timeLimit().toMillis(),
				TimeUnit.MILLISECONDS);
		job.process.onExit().thenRunAsync(() -> onExit.accept(job), timers);
	}

	/**
	 * SIGTERM to every process of the job but bubblewrap itself; SIGKILL to the tree
	 * after the grace period.
	 */
	void stop(LocalJob job, JobState as) {
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

	/** A job over a hard cap gets no grace period: it would only write more. */
	void failNow(LocalJob job, String reason) {
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

	void kill(LocalJob job) {
		if (job.process != null) {
			job.process.destroyForcibly();
		}
		if (job.cgroup != null) {
			job.cgroup.killAll();
		}
	}

	private static boolean isBwrap(ProcessHandle handle) {
		return handle.info()
			.command()
			.map(command -> command.endsWith("/bwrap") || command.equals("bwrap"))
			.orElse(false);
	}

}
