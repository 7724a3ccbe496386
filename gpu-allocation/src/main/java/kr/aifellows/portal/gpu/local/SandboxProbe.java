package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host probe: what the launcher reads off the host (GPUs from nvidia-smi, its uid,
 * user and group names, hostname), the install of the {@code sandbox-drop} helper, and at
 * start-up whether the sandbox holds: a probe job in it (its uid, capabilities and
 * network interfaces) and what the cgroups allow, as a {@link SandboxReport}.
 */
final class SandboxProbe {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	private static final String PROBE_SCRIPT = "id -u; grep CapEff /proc/self/status; echo NET;"
			+ " tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '\n";

	private final LocalSandboxProperties properties;

	private final Path directory;

	private final boolean root;

	private SandboxProbe(LocalSandboxProperties properties, Path directory, boolean root) {
		this.properties = properties;
		this.directory = directory;
		this.root = root;
	}

	static SandboxReport probe(LocalSandboxProperties properties, Path directory, boolean root,
			SandboxCommandLine commandLine, JobCgroups cgroups, String gpuSource, List<GpuDevice> gpus) {
		return new SandboxProbe(properties, directory, root).report(commandLine, cgroups, gpuSource, gpus);
	}

	private SandboxReport report(SandboxCommandLine commandLine, JobCgroups cgroups, String gpuSource,
			List<GpuDevice> gpus) {
		List<String> problems = new ArrayList<>();
		String version = run(List.of(properties.bwrap(), "--version"));
		if (version == null) {
			problems.add("bubblewrap not found at " + properties.bwrap() + " (apt-get install bubblewrap)");
		}
		if (root && !commandLine.usesDropHelper() && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
			problems.add("setpriv missing (util-linux)");
		}
		boolean sandboxed = version != null && runProbe(commandLine, problems);
		problems.addAll(commandLine.softwarePathProblems());
		if (!cgroups.memoryLimit()) {
			problems.add("no per-job memory limit (cgroup memory controller not writable)");
		}
		if (!cgroups.pidsLimit()) {
			problems.add("no per-job process limit (cgroup pids controller not writable)");
		}
		if (!cgroups.cpuLimit()) {
			problems.add("no per-job CPU quota (cgroup cpu controller not writable)");
		}
		String jobUser = root
				? "uid " + properties.sandboxUid() + " via "
						+ (commandLine.usesDropHelper() ? "sandbox-drop" : "setpriv") + ", no capabilities"
				: "uid " + currentUid() + " in a user namespace, no capabilities";
		return new SandboxReport(sandboxed, version == null ? null : version.strip(), jobUser, cgroups.describe(),
				cgroups.memoryLimit(), cgroups.pidsLimit(), cgroups.cpuLimit(), gpuSource, gpus, List.copyOf(problems));
	}

	/**
	 * Runs the probe script in the sandbox; true when the job ran unprivileged, without
	 * capabilities or network.
	 */
	private boolean runProbe(SandboxCommandLine commandLine, List<String> problems) {
		String expectedUid = root ? Integer.toString(properties.sandboxUid()) : Long.toString(currentUid());
		Path probeDir = directory.resolve(".probe");
		try {
			Files.createDirectories(probeDir.resolve("work"));
			Files.writeString(probeDir.resolve("script.sh"), PROBE_SCRIPT);
			if (root) {
				JobDirectory.chown(probeDir.resolve("work"), properties.sandboxUid());
			}
			Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin");
			String output = run(commandLine.sandboxCommand(probeDir, List.of(), environment, true));
			if (output == null) {
				problems.add("bubblewrap could not start a sandbox (user namespaces or mount rights missing)");
				return false;
			}
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
			return uidOk && noCaps && onlyLoopback;
		}
		catch (IOException ex) {
			problems.add("probe failed: " + ex.getMessage());
			return false;
		}
	}

	/**
	 * Copies the build's {@code sandbox-drop} helper
	 * (gpu-allocation/launchers/local/sandbox-drop.c) out of the class path into the jobs
	 * directory (root's, mode 0500, in a 0700 folder no job sees) and checks that it runs
	 * here; null if not, and setpriv drops the job's uid.
	 */
	static Path installDropHelper(Path directory, int sandboxUid) {
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
			String id = Integer.toString(sandboxUid);
			String output = run(List.of(installed.toString(), id, id, "/usr/bin/id", "-u"));
			if (output == null || !output.strip().equals(id)) {
				log.warn("The sandbox-drop helper does not run here ({}): job uids are dropped with setpriv", output);
				return null;
			}
			return installed;
		}
		catch (IOException ex) {
			log.warn("Could not install the sandbox-drop helper ({}): job uids are dropped with setpriv",
					ex.getMessage());
			return null;
		}
	}

	// --- what the launcher reads off the host ---

	/** Runs a short command and returns its output, or null when it fails. */
	static String run(List<String> command) {
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

	/**
	 * GPUs from nvidia-smi, with their device minor numbers; empty when there is no
	 * NVIDIA driver.
	 */
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
				found.add(new GpuDevice(index, minorNumber(fields[3].strip(), index), fields[1].strip(),
						fields[2].strip()));
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

	static long currentUid() {
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

	static String hostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

}
