package kr.aifellows.portal.gpu.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kr.aifellows.portal.gpu.ClusterCapacity;
import kr.aifellows.portal.gpu.ClusterUserException;
import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobFiles;
import kr.aifellows.portal.gpu.JobLauncher;
import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.JobStatus;
import kr.aifellows.portal.gpu.LaunchException;

/**
 * Runs jobs on a Slurm cluster through its command-line tools: sbatch, squeue, sacct, scancel
 * and scontrol. It keeps no state of its own that matters: a new instance (after a portal
 * restart) finds every job, live or finished, by its Slurm job id.
 */
public class SlurmLauncher implements JobLauncher, QueueWaitEstimator {

	private static final Duration RECOVERY_LOOK_BACK = Duration.ofDays(2);

	static final String SCRIPT = "job-script";

	static final String BATCH = ".portal-batch.sh";

	private static final Pattern JOB_ID = Pattern.compile("\\d{1,12}");

	private static final Pattern UNIX_NAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

	private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

	private static final Pattern TEST_ONLY_START = Pattern.compile("to start at (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)");

	private static final int QUERY_CHUNK = 500;

	private static final System.Logger LOG = System.getLogger(SlurmLauncher.class.getName());

	private final SlurmProperties properties;

	private final SlurmCommands commands;

	private final String template;

	private final boolean root;

	private final Map<String, Path> workDirs = new ConcurrentHashMap<>();

	private final Map<String, String> groups = new ConcurrentHashMap<>();

	private volatile CachedCapacity capacity;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private record CachedCapacity(ClusterCapacity value, long takenAtNanos) {
	}

	public SlurmLauncher(SlurmProperties properties) {
		this.properties = properties;
		this.commands = new SlurmCommands(properties);
		this.template = template();
		this.root = "root".equals(System.getProperty("user.name"));
	}

	@Override
	public String name() {
		return "slurm";
	}

	@Override
	public String submit(JobSpec spec) {
		var options = options(spec);
		var workDir = prepareWorkDir(spec, options.user());
		var arguments = new ArrayList<String>(options.arguments());
		arguments.add("--chdir=" + workDir);
		arguments.add("--output=" + workDir.resolve("slurm-%j.out"));
		arguments.add(workDir.resolve(BATCH).toString());
		var result = commands.run("sbatch", arguments, workDir);
		if (!result.ok()) {
			throw new LaunchException("Slurm refused the job: " + result.errorMessage());
		}
		var id = result.out().strip();
		int semicolon = id.indexOf(';');
		if (semicolon >= 0) {
			id = id.substring(0, semicolon);
		}
		if (!JOB_ID.matcher(id).matches()) {
			throw new LaunchException("Slurm gave no job id: " + result.out().strip() + " " + result.errorMessage());
		}
		workDirs.put(id, workDir);
		return id;
	}

	/**
	 * The Slurm id of the portal's job, found by its work directory: for a portal that crashed
	 * after sbatch accepted a job but before it kept the id. Looks in the queue, then in the
	 * accounting records of the last {@code lookBack}.
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
		var since = java.time.LocalDateTime.now().minusSeconds(lookBack.toSeconds()).withNano(0);
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
			if (bar > 0 && line.substring(bar + 1).strip().equals(workDir) && JOB_ID.matcher(line.substring(0, bar).strip()).matches()) {
				var id = line.substring(0, bar).strip();
				if (found == null || Long.parseLong(id) > Long.parseLong(found)) {
					found = id;
				}
			}
		}
		return Optional.ofNullable(found);
	}

	private record Options(List<String> arguments, String user) {
	}

	/** sbatch's options for the job, each one argument: the job's name can hold anything but control characters. */
	private Options options(JobSpec spec) {
		if (spec.nodes() < 1 || spec.gpusPerNode() < 1) {
			throw new LaunchException("A job needs at least one node and one GPU per node (asked: " + spec.nodes()
					+ " nodes, " + spec.gpusPerNode() + " GPUs per node)");
		}
		if (spec.timeLimit() == null || spec.timeLimit().isNegative() || spec.timeLimit().isZero()) {
			throw new LaunchException("A job needs a positive time limit");
		}
		var name = spec.name() == null || spec.name().isBlank() ? "job-" + spec.jobId() : spec.name();
		if (name.chars().anyMatch(Character::isISOControl)) {
			throw new LaunchException("A job name can not contain control characters");
		}
		var partition = spec.partition() == null || spec.partition().isBlank() ? properties.defaultPartition()
				: spec.partition();
		if (partition != null && !PARTITION.matcher(partition).matches()) {
			throw new LaunchException("There is no partition named '" + partition + "'");
		}
		var user = properties.clusterUser(spec.clusterUser());
		if (user != null && !UNIX_NAME.matcher(user).matches()) {
			throw new LaunchException("'" + user + "' is not a valid cluster user name");
		}
		var arguments = new ArrayList<String>();
		arguments.add("--parsable");
		arguments.add("--job-name=" + name);
		if (partition != null) {
			arguments.add("--partition=" + partition);
		}
		var account = properties.accountFor(user);
		if (account != null) {
			arguments.add("--account=" + account);
		}
		arguments.add("--nodes=" + spec.nodes());
		arguments.add("--gres=gpu:" + spec.gpusPerNode());
		arguments.add("--time=" + minutes(spec.timeLimit()));
		// A job that Slurm would run again after a node failure would be charged twice.
		arguments.add("--no-requeue");
		if (user != null && properties.submitAsClusterUser() && root) {
			arguments.add("--uid=" + user);
			arguments.add("--gid=" + primaryGroup(user));
		}
		return new Options(arguments, root && properties.submitAsClusterUser() ? user : null);
	}

	@Override
	public boolean requiresClusterUser() {
		return properties.requireClusterUser();
	}

	/**
	 * The user must exist on this host (sbatch runs here, and {@code --uid} names it) and, where
	 * jobs are charged to an account, be associated with it in Slurm's accounting, or every job
	 * would be refused at submission.
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
		groups.remove(user);
		var account = properties.accountFor(user);
		if (account == null) {
			return;
		}
		var associations = commands.run("sacctmgr", List.of("--noheader", "--parsable2", "show", "association",
				"where", "user=" + user, "account=" + account, "format=user"));
		if (associations.ok() && associations.out().isBlank()) {
			throw new ClusterUserException(ClusterUserException.Problem.NOT_IN_ACCOUNT, name);
		}
	}

	/** Slurm counts time limits in whole minutes: round up, never give less than was asked. */
	static long minutes(Duration limit) {
		return Math.max(1, (limit.toSeconds() + 59) / 60);
	}

	private String primaryGroup(String user) {
		return groups.computeIfAbsent(user, name -> {
			var builder = new ProcessBuilder("id", "-g", "--", name);
			try {
				var process = builder.start();
				var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
				if (process.waitFor() != 0 || !JOB_ID.matcher(out).matches()) {
					throw new LaunchException("The cluster user '" + name + "' does not exist on this host");
				}
				return out;
			}
			catch (IOException ex) {
				throw new LaunchException("Could not look up the cluster user '" + name + "'", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LaunchException("Interrupted while looking up the cluster user '" + name + "'", ex);
			}
		});
	}

	private Path prepareWorkDir(JobSpec spec, String owner) {
		var workDir = properties.jobsDir().toAbsolutePath().resolve("job-" + spec.jobId());
		try {
			Files.createDirectories(workDir);
			// Other fellows' jobs share the jobs directory: they must not read this job's script or output.
			Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
			write(workDir.resolve(BATCH), template.getBytes(StandardCharsets.UTF_8), "rwxr-xr-x");
			write(workDir.resolve(SCRIPT), (spec.script() == null ? "" : spec.script()).getBytes(StandardCharsets.UTF_8),
					"rwxr-xr-x");
			if (spec.inputFiles() != null) {
				for (var input : spec.inputFiles().entrySet()) {
					var fileName = input.getKey();
					if (!INPUT_NAME.matcher(fileName).matches() || fileName.equals(SCRIPT)
							|| fileName.startsWith("slurm-")) {
						throw new LaunchException("'" + fileName + "' can not be used as an input file name");
					}
					write(workDir.resolve(fileName), input.getValue(), "rw-r--r--");
				}
			}
			if (owner != null) {
				var lookup = workDir.getFileSystem().getUserPrincipalLookupService();
				var principal = lookup.lookupPrincipalByName(owner);
				try (var files = Files.list(workDir)) {
					for (var file : (Iterable<Path>) files::iterator) {
						Files.setOwner(file, principal);
					}
				}
				Files.setOwner(workDir, principal);
			}
			return workDir;
		}
		catch (IOException ex) {
			throw new LaunchException("Could not prepare the job's work directory", ex);
		}
	}

	private static void write(Path file, byte[] content, String permissions) throws IOException {
		Files.write(file, content);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
	}

	@Override
	public Map<String, JobStatus> statuses(Collection<String> externalIds) {
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
				// squeue has the job ended but its accounting record lags by a second or two: a
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
		var result = commands.run("squeue",
				List.of("--noheader", "--states=all", "--jobs=" + String.join(",", ids), "--format=" + SlurmOutput.SQUEUE_FORMAT));
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
	 * Whether the accounting record is the job's last word. Under load slurmdbd can record a short
	 * job's end before its start and nodes: a job that completed or timed out has run, and until
	 * its record says where and since when it would be charged nothing.
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

	@Override
	public void cancel(String externalId) {
		if (!JOB_ID.matcher(externalId).matches()) {
			return;
		}
		var result = commands.run("scancel", List.of(externalId));
		if (!result.ok() && !result.err().contains("Invalid job id") && !result.err().contains("already completing or completed")) {
			throw new LaunchException("scancel failed: " + result.errorMessage());
		}
	}

	@Override
	public Optional<JobAccounting> accounting(String externalId) {
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

	@Override
	public String logTail(String externalId, int maxBytes) {
		if (!JOB_ID.matcher(externalId).matches() || maxBytes <= 0) {
			return "";
		}
		var workDir = workDirs.computeIfAbsent(externalId, this::workDirOf);
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

	private Path workDirOf(String externalId) {
		var row = accountRows(List.of(externalId)).get(externalId);
		return row == null || row.workDir().isEmpty() ? null : Path.of(row.workDir());
	}

	/**
	 * At 2,250 nodes scontrol alone takes 0.1 to 0.5 s, too slow for every view of the cluster
	 * page: a snapshot older than {@code capacity-cache-ttl} is still returned while one refresh
	 * runs in the background. Only the first call (or a TTL of zero) waits for Slurm.
	 */
	@Override
	public ClusterCapacity capacity() {
		var cached = capacity;
		if (cached == null || properties.capacityCacheTtl().isZero()) {
			synchronized (this) {
				cached = capacity;
				if (cached == null || properties.capacityCacheTtl().isZero()) {
					cached = loadCapacity();
					capacity = cached;
				}
				return cached.value();
			}
		}
		if (System.nanoTime() - cached.takenAtNanos() >= properties.capacityCacheTtl().toNanos()
				&& refreshing.compareAndSet(false, true)) {
			Thread.startVirtualThread(() -> {
				try {
					capacity = loadCapacity();
				}
				catch (RuntimeException ex) {
					LOG.log(System.Logger.Level.WARNING, "Could not refresh the Slurm cluster's capacity", ex);
				}
				finally {
					refreshing.set(false);
				}
			});
		}
		return cached.value();
	}

	private CachedCapacity loadCapacity() {
		var nodesRun = CompletableFuture.supplyAsync(
				() -> commands.run("scontrol", List.of("--oneliner", "show", "node")), Thread::startVirtualThread);
		var partitions = commands.run("scontrol", List.of("--oneliner", "show", "partition"));
		SlurmCommands.Result nodes;
		try {
			nodes = nodesRun.join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
		}
		if (!nodes.ok() || !partitions.ok()) {
			throw new LaunchException("The Slurm cluster did not say what it has: "
					+ (nodes.ok() ? partitions : nodes).errorMessage());
		}
		return new CachedCapacity(SlurmOutput.capacity(nodes.out(), partitions.out()), System.nanoTime());
	}

	@Override
	public Optional<Instant> expectedStart(JobSpec spec) {
		var options = options(spec);
		var arguments = new ArrayList<String>(options.arguments());
		arguments.remove("--parsable");
		arguments.add("--test-only");
		arguments.add("--chdir=/");
		arguments.add("--output=/dev/null");
		arguments.add("--wrap=true");
		var result = commands.run("sbatch", arguments);
		if (!result.ok()) {
			throw new LaunchException("Slurm would refuse the job: " + result.errorMessage());
		}
		Matcher matcher = TEST_ONLY_START.matcher(result.err() + result.out());
		return matcher.find() ? Optional.ofNullable(SlurmOutput.time(matcher.group(1))) : Optional.empty();
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

	private static String template() {
		try (InputStream in = SlurmLauncher.class.getResourceAsStream("/launchers/slurm/job-template.sh")) {
			if (in == null) {
				throw new IllegalStateException("launchers/slurm/job-template.sh is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
