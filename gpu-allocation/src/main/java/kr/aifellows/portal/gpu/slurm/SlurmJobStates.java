package kr.aifellows.portal.gpu.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.JobStatus;
import kr.aifellows.portal.gpu.LaunchException;

import static kr.aifellows.portal.gpu.slurm.SlurmLauncher.JOB_ID;

/**
 * What Slurm says of the portal's jobs: squeue for the live ones, sacct for those that
 * ended (their state, exit code and use), in chunks of ids; a finished state only with
 * its final record.
 */
final class SlurmJobStates {

	private static final int QUERY_CHUNK = 500;

	private final SlurmCommands commands;

	/**
	 * The jobs' work directories, shared with the launcher (which reads their logs
	 * there).
	 */
	private final Map<String, Path> workDirs;

	SlurmJobStates(SlurmCommands commands, Map<String, Path> workDirs) {
		this.commands = commands;
		this.workDirs = workDirs;
	}

	/** The states of these jobs; a job Slurm has forgotten is left out. */
	Map<String, JobStatus> statuses(Collection<String> externalIds) {
		var ids = externalIds.stream().filter(id -> id != null && JOB_ID.matcher(id).matches()).distinct().toList();
		var statuses = new LinkedHashMap<String, JobStatus>();
		for (int from = 0; from < ids.size(); from += QUERY_CHUNK) {
			statuses.putAll(statusesOf(ids.subList(from, Math.min(ids.size(), from + QUERY_CHUNK))));
		}
		return statuses;
	}

	private Map<String, JobStatus> statusesOf(List<String> ids) {
		var statuses = new LinkedHashMap<String, JobStatus>();
		var settled = new ArrayList<String>();
		var queue = new HashMap<String, SlurmOutput.QueueRow>();
		for (var row : queue(ids)) {
			queue.put(row.jobId(), row);
		}
		for (var id : ids) {
			var row = queue.get(id);
			if (row != null && !SlurmOutput.state(row.state()).isFinished()) {
				statuses.put(id, live(row));
			}
			else {
				settled.add(id);
			}
		}
		if (settled.isEmpty()) {
			return statuses;
		}
		var accounted = accountRows(settled);
		for (var id : settled) {
			var row = accounted.get(id);
			if (row == null) {
				continue;
			}
			var state = SlurmOutput.state(row.state());
			if (!isFinal(state, row)) {
				// squeue has the job ended but its accounting record lags by a second or
				// two: a
				// finished state is only reported together with its final accounting.
				statuses.put(id, new JobStatus(row.start() == null ? JobState.QUEUED : JobState.RUNNING, row.start(),
						null, null, placement(row.nodes(), row.gpus()), "finishing"));
				continue;
			}
			statuses.put(id, new JobStatus(state, row.start(), row.end(), row.exitCode(),
					placement(row.nodes(), row.gpus()), reason(state, row.reason(), row.state())));
		}
		return statuses;
	}

	private List<SlurmOutput.QueueRow> queue(List<String> ids) {
		var result = commands.run("squeue", List.of("--noheader", "--states=all", "--jobs=" + String.join(",", ids),
				"--format=" + SlurmOutput.SQUEUE_FORMAT));
		if (!result.ok()) {
			if (result.err().contains("Invalid job id")) {
				return List.of();
			}
			throw new LaunchException("squeue failed: " + result.errorMessage());
		}
		return SlurmOutput.parseQueue(result.out());
	}

	private Map<String, SlurmOutput.AccountRow> accountRows(List<String> ids) {
		var result = commands.run("sacct", List.of("--noheader", "--parsable2", "--jobs=" + String.join(",", ids),
				"--format=" + SlurmOutput.SACCT_FORMAT));
		if (!result.ok()) {
			throw new LaunchException("sacct failed: " + result.errorMessage());
		}
		return SlurmOutput.parseAccounting(result.out());
	}

	/**
	 * Whether the accounting record is the job's last word. Under load slurmdbd can
	 * record a short job's end before its start and nodes: a job that completed or timed
	 * out has run, and until its record says where and since when it would be charged
	 * nothing.
	 */
	private static boolean isFinal(JobState state, SlurmOutput.AccountRow row) {
		if (!state.isFinished()) {
			return false;
		}
		boolean mustHaveRun = state == JobState.COMPLETED || state == JobState.TIMED_OUT;
		return !mustHaveRun || (row.start() != null && !row.nodes().isEmpty());
	}

	private static JobStatus live(SlurmOutput.QueueRow row) {
		var state = SlurmOutput.state(row.state());
		var gpusPerNode = SlurmOutput.gpus(row.tresPerNode().replace("gres:gpu:", "gres/gpu="));
		var placement = row.nodes().isEmpty() ? "" : row.nodes() + " (" + gpusPerNode + " GPUs per node)";
		var reason = state == JobState.QUEUED && !"None".equals(row.reason()) ? row.reason() : "";
		return new JobStatus(state, state == JobState.RUNNING ? row.start() : null, null, null, placement, reason);
	}

	private static String placement(String nodes, int gpus) {
		return nodes.isEmpty() || "None assigned".equals(nodes) ? "" : nodes + " (" + gpus + " GPUs)";
	}

	private static String reason(JobState state, String reason, String slurmState) {
		if (state == JobState.COMPLETED) {
			return "";
		}
		var text = slurmState.strip();
		return "None".equals(reason) || reason.isEmpty() ? text : text + " (" + reason + ")";
	}

	/** A finished job's final record, or empty while it runs or its record lags. */
	Optional<JobAccounting> accounting(String externalId) {
		if (!JOB_ID.matcher(externalId).matches()) {
			return Optional.empty();
		}
		var row = accountRows(List.of(externalId)).get(externalId);
		if (row == null) {
			return Optional.empty();
		}
		var state = SlurmOutput.state(row.state());
		if (!isFinal(state, row)) {
			return Optional.empty();
		}
		workDirs.putIfAbsent(externalId, Path.of(row.workDir()));
		long elapsed = row.start() == null ? 0 : row.elapsedSeconds();
		return Optional.of(new JobAccounting(state, row.start(), row.end(), row.exitCode(), elapsed,
				(long) row.gpus() * elapsed, row.cpuSeconds(), row.peakMemoryBytes()));
	}

	/** The job's work directory from its accounting record, or null. */
	Path workDirOf(String externalId) {
		var row = accountRows(List.of(externalId)).get(externalId);
		return row == null || row.workDir().isEmpty() ? null : Path.of(row.workDir());
	}

}
