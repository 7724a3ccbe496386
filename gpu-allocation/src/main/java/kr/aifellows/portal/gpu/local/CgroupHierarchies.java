package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which cgroup hierarchies the host lets the portal write under its own cgroup: cgroup v1
 * controllers (memory, pids, cpu, cpuacct) and/or the v2 hierarchy (limits on a pure v2
 * host; on a hybrid host at least {@code cgroup.kill} and {@code cpu.stat}), found by
 * trying at start-up, with the jobs' parent cgroup made in each.
 */
final class CgroupHierarchies {

	private static final Logger log = LoggerFactory.getLogger(JobCgroups.class);

	private static final Path ROOT = Path.of("/sys/fs/cgroup");

	/**
	 * v1 controller name to its directory for our jobs (the parent under our own cgroup).
	 */
	private final Map<String, Path> v1 = new LinkedHashMap<>();

	/** The v2 parent directory, or null. */
	private Path v2;

	private boolean v2Limits;

	CgroupHierarchies(String parentName) {
		probe(parentName);
	}

	private void probe(String parentName) {
		List<String> lines;
		try {
			lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
		}
		catch (IOException ex) {
			return;
		}
		String ownV2 = null;
		for (String line : lines) {
			String[] parts = line.split(":", 3);
			if (parts.length < 3) {
				continue;
			}
			String own = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
			if (parts[1].isEmpty()) {
				ownV2 = own;
				continue;
			}
			for (String controller : parts[1].split(",")) {
				if (!List.of("memory", "pids", "cpu", "cpuacct").contains(controller)) {
					continue;
				}
				Path mount = Files.isDirectory(ROOT.resolve(parts[1])) ? ROOT.resolve(parts[1])
						: ROOT.resolve(controller);
				Path parent = mount.resolve(own).resolve(parentName);
				if (Files.isRegularFile(mount.resolve("cgroup.procs")) && makeDirectory(parent)) {
					v1.put(controller, parent);
				}
			}
		}
		// On a hybrid host v1 pids (a bounded tree to kill) and cpuacct (CPU time) make a
		// v2 cgroup
		// redundant; each hierarchy costs a directory, and v2 also a wrapper process, per
		// job start.
		if (ownV2 != null && !(v1.containsKey("pids") && v1.containsKey("cpuacct"))) {
			Path mount = Files.isRegularFile(ROOT.resolve("cgroup.controllers")) ? ROOT : ROOT.resolve("unified");
			Path parent = mount.resolve(ownV2).resolve(parentName);
			if (Files.isRegularFile(mount.resolve("cgroup.procs")) && makeDirectory(parent)) {
				v2 = parent;
				v2Limits = enableV2Controllers(mount.resolve(ownV2), parent);
			}
		}
	}

	/** On a pure v2 host the limits need the controllers enabled for our subtree. */
	private static boolean enableV2Controllers(Path own, Path parent) {
		try {
			Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
			return Files.isRegularFile(parent.resolve("cgroup.subtree_control"))
					&& Files.readString(parent.resolve("cgroup.subtree_control")).contains("memory");
		}
		catch (IOException | RuntimeException ex) {
			log.debug("No v2 controllers for jobs under {}: {}", own, ex.getMessage());
			return false;
		}
	}

	private static boolean makeDirectory(Path path) {
		try {
			Files.createDirectories(path);
			return Files.isWritable(path.resolve("cgroup.procs"));
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/** The jobs' parent cgroup in every writable hierarchy, v1 controllers first. */
	List<Path> parents() {
		List<Path> parents = new ArrayList<>(v1.values());
		if (v2 != null) {
			parents.add(v2);
		}
		return parents;
	}

	/** The v1 parent of a controller, or null. */
	Path v1(String controller) {
		return v1.get(controller);
	}

	/** The v1 parents, in the order of {@link #parents()}. */
	List<Path> v1Parents() {
		return List.copyOf(v1.values());
	}

	/** The v2 parent, or null. */
	Path v2() {
		return v2;
	}

	boolean v2Limits() {
		return v2Limits;
	}

	boolean memoryLimit() {
		return v1.containsKey("memory") || v2Limits;
	}

	boolean pidsLimit() {
		return v1.containsKey("pids") || v2Limits;
	}

	boolean cpuLimit() {
		return v1.containsKey("cpu") || v2Limits;
	}

	boolean killable() {
		return v2 != null && Files.exists(v2.resolve("cgroup.kill")) || !v1.isEmpty();
	}

	String describe() {
		List<String> parts = new ArrayList<>();
		if (!v1.isEmpty()) {
			parts.add("v1 " + String.join(",", v1.keySet()));
		}
		if (v2 != null) {
			parts.add(v2Limits ? "v2 memory,pids,cpu" : "v2 (kill, cpu.stat)");
		}
		return parts.isEmpty() ? "none" : String.join(" + ", parts);
	}

}
