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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.LaunchException;

import static kr.aifellows.portal.gpu.slurm.SlurmLauncher.BATCH;
import static kr.aifellows.portal.gpu.slurm.SlurmLauncher.JOB_ID;
import static kr.aifellows.portal.gpu.slurm.SlurmLauncher.SCRIPT;
import static kr.aifellows.portal.gpu.slurm.SlurmLauncher.UNIX_NAME;

/**
 * A job's way into Slurm: its work directory (batch wrapper, script, input files, owned
 * by the cluster user), its sbatch options, the submission itself and sbatch's
 * {@code --test-only} guess of when it would start.
 */
final class SbatchSubmission {

	private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

	private static final Pattern TEST_ONLY_START = Pattern
		.compile("to start at (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)");

	private final SlurmProperties properties;

	private final SlurmCommands commands;

	private final String template;

	private final boolean root;

	private final Map<String, String> groups = new ConcurrentHashMap<>();

	SbatchSubmission(SlurmProperties properties, SlurmCommands commands) {
		this.properties = properties;
		this.commands = commands;
		this.template = template();
		this.root = "root".equals(System.getProperty("user.name"));
	}

	/** Submits the job; returns Slurm's job id and the job's work directory. */
	Map.Entry<String, Path> submit(JobSpec spec) {
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
		return Map.entry(id, workDir);
	}

	/** Forgets the primary group of a user (an administrator may have changed it). */
	void forgetGroup(String user) {
		groups.remove(user);
	}

	private record Options(List<String> arguments, String user) {
	}

	/**
	 * sbatch's options for the job, each one argument: the job's name can hold anything
	 * but control characters.
	 */
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

	/**
	 * Slurm counts time limits in whole minutes: round up, never give less than was
	 * asked.
	 */
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
			// Other fellows' jobs share the jobs directory: they must not read this job's
			// script or output.
			Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
			write(workDir.resolve(BATCH), template.getBytes(StandardCharsets.UTF_8), "rwxr-xr-x");
			write(workDir.resolve(SCRIPT),
					(spec.script() == null ? "" : spec.script()).getBytes(StandardCharsets.UTF_8), "rwxr-xr-x");
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

	/** When Slurm would start the job now (sbatch --test-only), if it says. */
	Optional<Instant> expectedStart(JobSpec spec) {
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
