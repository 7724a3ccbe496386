package kr.aifellows.portal.gpu.local;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.JobStatus;

/**
 * One job on this host while the launcher knows it: its GPUs, process, cgroups and state.
 */
final class LocalJob {

	final String externalId;

	final JobSpec spec;

	final Path dir;

	final List<Integer> gpuIndexes = new ArrayList<>();

	volatile JobState state = JobState.QUEUED;

	volatile JobState stopAs;

	volatile String reason;

	volatile Process process;

	volatile JobCgroup cgroup;

	volatile ScheduledFuture<?> timeout;

	volatile Instant startedAt;

	volatile Instant endedAt;

	volatile Integer exitCode;

	final AtomicBoolean finishing = new AtomicBoolean();

	LocalJob(String externalId, JobSpec spec, Path dir) {
		this.externalId = externalId;
		this.spec = spec;
		this.dir = dir;
	}

	JobStatus status() {
		String placement = gpuIndexes.isEmpty() ? ""
				: "GPU " + gpuIndexes.stream().map(String::valueOf).collect(Collectors.joining(","));
		return new JobStatus(state, startedAt, endedAt, exitCode, placement, reason);
	}

	/** Running, started, and not being stopped yet. */
	boolean runningUnstopped() {
		return state == JobState.RUNNING && process != null && stopAs == null;
	}

}
