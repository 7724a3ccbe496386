package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bubblewrap command line of a job: what of the host it sees (read-only system,
 * software paths, its GPUs' device nodes), its environment, and the uid drop when the
 * portal runs as root.
 */
final class SandboxCommandLine {

	private static final List<String> NVIDIA_SHARED_NODES = List.of("/dev/nvidiactl", "/dev/nvidia-uvm",
			"/dev/nvidia-uvm-tools", "/dev/nvidia-modeset");

	/**
	 * The read-only system: {@code /usr}, {@code /etc} and the top-level folders or links
	 * into {@code /usr}.
	 */
	private static final List<String> SYSTEM_BINDS = systemBinds();

	private static final String DROP_HELPER_IN_SANDBOX = "/.sandbox-drop";

	private final LocalSandboxProperties properties;

	private final Path directory;

	private final boolean root;

	private final List<GpuDevice> gpus;

	private final List<Path> softwarePaths = new ArrayList<>();

	private final List<String> softwarePathProblems = new ArrayList<>();

	/** See {@link SandboxProbe#installDropHelper}; null where setpriv drops the uid. */
	private final Path dropHelper;

	/**
	 * The job user's and group's names where they have one: setpriv then finds them in
	 * /etc, not through NSS modules.
	 */
	private final String sandboxUser;

	private final String sandboxGroup;

	SandboxCommandLine(LocalSandboxProperties properties, Path directory, boolean root, List<GpuDevice> gpus,
			Path dropHelper) {
		this.properties = properties;
		this.directory = directory;
		this.root = root;
		this.gpus = gpus;
		this.dropHelper = dropHelper;
		this.sandboxUser = SandboxProbe.nameOf(Path.of("/etc/passwd"), properties.sandboxUid());
		this.sandboxGroup = SandboxProbe.nameOf(Path.of("/etc/group"), properties.sandboxUid());
		properties.softwarePaths().forEach(this::addSoftwarePath);
	}

	List<String> softwarePathProblems() {
		return softwarePathProblems;
	}

	boolean usesDropHelper() {
		return root && dropHelper != null;
	}

	/**
	 * The bubblewrap command for a job directory; the script is {@code script.sh} there
	 * and the work directory {@code work/}, which is the only thing of the host the job
	 * sees writable.
	 */
	List<String> sandboxCommand(Path jobDir, List<String> deviceNodes, Map<String, String> environment,
			boolean sandboxed) {
		List<String> command = new ArrayList<>();
		if (!sandboxed) {
			command.addAll(List.of("/usr/bin/env", "-i"));
			environment.forEach((key, value) -> command.add(key + "=" + value));
			command
				.addAll(List.of("/bin/sh", "-c", "cd \"$1\" || exit 125; script=$2; set --; " + jobShell("\"$script\""),
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
		if (usesDropHelper()) {
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
		command.addAll(userDrop());
		command.addAll(List.of("/bin/sh", "-c", jobShell("/job-script.sh"), "/job-script.sh"));
		return command;
	}

	/**
	 * Between bwrap and the job's shell when the portal runs as root: the static helper,
	 * or setpriv.
	 */
	private List<String> userDrop() {
		if (usesDropHelper()) {
			String id = Integer.toString(properties.sandboxUid());
			return List.of(DROP_HELPER_IN_SANDBOX, id, id);
		}
		if (root) {
			return List.of("/usr/bin/setpriv", "--reuid=" + sandboxUser, "--regid=" + sandboxGroup, "--clear-groups",
					"--inh-caps=-all", "--bounding-set=-all", "--no-new-privs");
		}
		return List.of();
	}

	/**
	 * The job's shell: caps the size of every file the job writes, its logs included,
	 * then runs the script in the same shell (one exec fewer than a wrapper; the job
	 * cannot raise the hard limit).
	 */
	private String jobShell(String script) {
		long blocks = Math.max(1, properties.maxFileSize().toBytes() / 512);
		// LANG here rather than in bwrap's environment: setpriv would load the locale's
		// files first.
		return "export LANG=C.UTF-8; ulimit -f " + blocks + " || exit 125; . " + script;
	}

	/**
	 * The job's environment: nothing of the portal's, its GPUs in
	 * {@code CUDA_VISIBLE_DEVICES}.
	 */
	Map<String, String> environment(LocalJob job) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
		environment.put("HOME", "/job");
		environment.put("TMPDIR", "/tmp");
		environment.put("PORTAL_JOB_ID", Long.toString(job.spec.jobId()));
		environment.put("PORTAL_JOB_NAME", job.spec.name());
		environment.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
		environment.put("CUDA_VISIBLE_DEVICES",
				job.gpuIndexes.stream()
					.map(this::gpu)
					.map(GpuDevice::visibleDevicesEntry)
					.collect(Collectors.joining(",")));
		return environment;
	}

	/**
	 * The device nodes of these GPUs and, when there is one, the driver's shared nodes.
	 */
	List<String> devices(List<Integer> indexes) {
		List<String> nodes = new ArrayList<>();
		for (int index : indexes) {
			GpuDevice gpu = gpu(index);
			if (!gpu.isVirtual() && Files.exists(Path.of("/dev/nvidia" + gpu.minor()))) {
				nodes.add("/dev/nvidia" + gpu.minor());
			}
		}
		if (!nodes.isEmpty()) {
			NVIDIA_SHARED_NODES.stream().filter(node -> Files.exists(Path.of(node))).forEach(nodes::add);
		}
		return nodes;
	}

	private GpuDevice gpu(int index) {
		return gpus.stream().filter(candidate -> candidate.index() == index).findFirst().orElseThrow();
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
			// Binding it would show jobs each other's files or the portal's data next to
			// the jobs directory.
			softwarePathProblems
				.add("software path " + configured + " ignored: it holds the jobs' or the portal's data");
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

}
