package kr.aifellows.portal.gpu.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import kr.aifellows.portal.gpu.ClusterCapacity;
import kr.aifellows.portal.gpu.ClusterUserException;
import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobFiles;
import kr.aifellows.portal.gpu.JobLauncher;
import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobStatus;
import kr.aifellows.portal.gpu.LaunchException;

/**
 * Runs jobs on a Slurm cluster through its command-line tools: sbatch, squeue, sacct,
 * scancel and scontrol. It keeps no state of its own that matters: a new instance (after
 * a portal restart) finds every job, live or finished, by its Slurm job id.
 */
public class SlurmLauncher implements JobLauncher, QueueWaitEstimator {

	private static final Duration RECOVERY_LOOK_BACK = Duration.ofDays(2);

	static final String SCRIPT = "job-script";

	static final String BATCH = ".portal-batch.sh";

	static final Pattern JOB_ID = Pattern.compile("\\d{1,12}");

	static final Pattern UNIX_NAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

	private final SlurmProperties properties;

	private final SlurmCommands commands;

	private final SbatchSubmission submission;

	private final SlurmJobStates states;

	private final SlurmCapacity capacity;

	private final Map<String, Path> workDirs = new ConcurrentHashMap<>();

	public SlurmLauncher(SlurmProperties properties) {
		this.properties = properties;
		this.commands = new SlurmCommands(properties);
		this.submission = new SbatchSubmission(properties, commands);
		this.states = new SlurmJobStates(commands, workDirs);
		this.capacity = new SlurmCapacity(properties, commands);
	}

	@Override
	public String name() {
		return "slurm";
	}

	@Override
	public String submit(JobSpec spec) {
		var submitted = submission.submit(spec);
		workDirs.put(submitted.getKey(), submitted.getValue());
		return submitted.getKey();
	}

	/**
	 * The Slurm id of the portal's job, found by its work directory: for a portal that
	 * crashed after sbatch accepted a job but before it kept the id. Looks in the queue,
	 * then in the accounting records of the last {@code lookBack}.
	 */
	@Override
	public Optional<String> recover(long jobId) {
		try {
			return externalIdOf(jobId, RECOVERY_LOOK_BACK);
		}
		catch (LaunchException ex) {
			return Optional.empty();
		}
	}

	public Optional<String> externalIdOf(long portalJobId, Duration lookBack) {
		var workDir = properties.jobsDir().toAbsolutePath().resolve("job-" + portalJobId).toString();
		var queue = commands.run("squeue", List.of("--noheader", "--states=all", "--format=%i|%Z"));
		var found = lastIdIn(queue, workDir);
		if (found.isPresent()) {
			return found;
		}
		var since = LocalDateTime.now().minusSeconds(lookBack.toSeconds()).withNano(0);
		return lastIdIn(commands.run("sacct", List.of("--noheader", "--parsable2", "--allocations",
				"--starttime=" + since, "--format=JobIDRaw,WorkDir")), workDir);
	}

	private static Optional<String> lastIdIn(SlurmCommands.Result result, String workDir) {
		if (!result.ok()) {
			throw new LaunchException("Could not look for the job in Slurm: " + result.errorMessage());
		}
		String found = null;
		for (var line : result.out().split("\n")) {
			int bar = line.indexOf('|');
			if (bar > 0 && line.substring(bar + 1).strip().equals(workDir)
					&& JOB_ID.matcher(line.substring(0, bar).strip()).matches()) {
				var id = line.substring(0, bar).strip();
				if (found == null || Long.parseLong(id) > Long.parseLong(found)) {
					found = id;
				}
			}
		}
		return Optional.ofNullable(found);
	}

	@Override
	public boolean requiresClusterUser() {
		return properties.requireClusterUser();
	}

	/**
	 * The user must exist on this host (sbatch runs here, and {@code --uid} names it)
	 * and, where jobs are charged to an account, be associated with it in Slurm's
	 * accounting, or every job would be refused at submission.
	 */
	@Override
	public void checkClusterUser(String name) {
		var user = properties.clusterUser(name);
		if (user == null || !UNIX_NAME.matcher(user).matches()) {
			throw new ClusterUserException(ClusterUserException.Problem.INVALID_NAME, name);
		}
		try {
			var process = new ProcessBuilder("id", "-u", "--", user).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			if (process.waitFor() != 0) {
				throw new ClusterUserException(ClusterUserException.Problem.UNKNOWN_USER, name);
			}
		}
		catch (IOException ex) {
			throw new LaunchException("Could not look up the cluster user '" + user + "'", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LaunchException("Interrupted while looking up the cluster user '" + user + "'", ex);
		}
		submission.forgetGroup(user);
		var account = properties.accountFor(user);
		if (account == null) {
			return;
		}
		var associations = commands.run("sacctmgr", List.of("--noheader", "--parsable2", "show", "association", "where",
				"user=" + user, "account=" + account, "format=user"));
		if (associations.ok() && associations.out().isBlank()) {
			throw new ClusterUserException(ClusterUserException.Problem.NOT_IN_ACCOUNT, name);
		}
	}

	@Override
	public Map<String, JobStatus> statuses(Collection<String> externalIds) {
		return states.statuses(externalIds);
	}

	@Override
	public void cancel(String externalId) {
		if (!JOB_ID.matcher(externalId).matches()) {
			return;
		}
		var result = commands.run("scancel", List.of(externalId));
		if (!result.ok() && !result.err().contains("Invalid job id")
				&& !result.err().contains("already completing or completed")) {
			throw new LaunchException("scancel failed: " + result.errorMessage());
		}
	}

	@Override
	public Optional<JobAccounting> accounting(String externalId) {
		return states.accounting(externalId);
	}

	@Override
	public String logTail(String externalId, int maxBytes) {
		if (!JOB_ID.matcher(externalId).matches() || maxBytes <= 0) {
			return "";
		}
		var workDir = workDirs.computeIfAbsent(externalId, states::workDirOf);
		if (workDir == null) {
			return "";
		}
		var jobsDir = properties.jobsDir().toAbsolutePath().normalize();
		var log = workDir.resolve("slurm-" + externalId + ".out").normalize();
		if (!log.startsWith(jobsDir)) {
			return "";
		}
		// The job owns its work directory and may have replaced its output with anything.
		return JobFiles.tail(log, maxBytes);
	}

	@Override
	public void discardFiles(long jobId, String externalId) {
		var jobsDir = properties.jobsDir().toAbsolutePath().normalize();
		var workDir = jobsDir.resolve("job-" + jobId).normalize();
		if (!workDir.getParent().equals(jobsDir)) {
			return;
		}
		try {
			JobFiles.deleteTree(workDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not remove the files of job " + jobId, ex);
		}
		workDirs.remove(externalId);
	}

	@Override
	public ClusterCapacity capacity() {
		return capacity.capacity();
	}

	@Override
	public Optional<Instant> expectedStart(JobSpec spec) {
		return submission.expectedStart(spec);
	}

	@Override
	public Optional<Instant> expectedStart(String externalId) {
		if (!JOB_ID.matcher(externalId).matches()) {
			return Optional.empty();
		}
		var result = commands.run("squeue",
				List.of("--noheader", "--start", "--jobs=" + externalId, "--format=%i|%T|%S"));
		if (!result.ok()) {
			return Optional.empty();
		}
		for (var line : result.out().split("\n")) {
			var f = line.split("\\|");
			if (f.length == 3 && f[0].strip().equals(externalId) && "PENDING".equals(f[1].strip())) {
				return Optional.ofNullable(SlurmOutput.time(f[2]));
			}
		}
		return Optional.empty();
	}

}
