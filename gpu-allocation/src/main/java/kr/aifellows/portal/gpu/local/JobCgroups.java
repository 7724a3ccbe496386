package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-job cgroups under the portal's own cgroup, in whichever hierarchy the host lets us write:
 * cgroup v1 controllers (memory, pids, cpu, cpuacct) and/or the v2 hierarchy (limits on a pure v2
 * host; on a hybrid host at least {@code cgroup.kill} and {@code cpu.stat}). What works is found
 * by trying at start-up.
 */
final class JobCgroups {

	private static final Logger log = LoggerFactory.getLogger(JobCgroups.class);

	private static final Path ROOT = Path.of("/sys/fs/cgroup");

	private static final long SELF = ProcessHandle.current().pid();

	/** v1 controller name to its directory for our jobs (the parent under our own cgroup). */
	private final Map<String, Path> v1 = new LinkedHashMap<>();

	/** The v2 parent directory, or null. */
	private Path v2;

	private boolean v2Limits;

	/** One parent per jobs directory, so that launchers of different portals on a host leave each other alone. */
	private final String parentName;

	private final LocalSandboxProperties limits;

	/** Job cgroups made ahead, off the path of a job's start; taken by the next job. */
	private final Queue<JobCgroup> spares = new ConcurrentLinkedQueue<>();

	/** For all launchers of this JVM, which may share a jobs directory (and so the parent cgroups). */
	private static final AtomicLong NAMES = new AtomicLong();

	/** Open {@code tasks} files of the portal's own v1 cgroups, for the starter thread's way back. */
	private final Map<Path, FileChannel> ownTasks = new ConcurrentHashMap<>();

	private static final ThreadLocal<byte[]> THREAD_ID = new ThreadLocal<>();

	JobCgroups(Path jobsDirectory, LocalSandboxProperties limits) {
		this.parentName = "aifellows-jobs-" + Integer.toHexString(jobsDirectory.toAbsolutePath().normalize().hashCode());
		this.limits = limits;
		probe();
	}

	private void probe() {
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
				Path mount = Files.isDirectory(ROOT.resolve(parts[1])) ? ROOT.resolve(parts[1]) : ROOT.resolve(controller);
				Path parent = mount.resolve(own).resolve(parentName);
				if (Files.isRegularFile(mount.resolve("cgroup.procs")) && makeDirectory(parent)) {
					v1.put(controller, parent);
				}
			}
		}
		// On a hybrid host v1 pids (a bounded tree to kill) and cpuacct (CPU time) make a v2 cgroup
		// redundant; each hierarchy costs a directory, and v2 also a wrapper process, per job start.
		if (ownV2 != null && !(v1.containsKey("pids") && v1.containsKey("cpuacct"))) {
			Path mount = Files.isRegularFile(ROOT.resolve("cgroup.controllers")) ? ROOT : ROOT.resolve("unified");
			Path parent = mount.resolve(ownV2).resolve(parentName);
			if (Files.isRegularFile(mount.resolve("cgroup.procs")) && makeDirectory(parent)) {
				v2 = parent;
				v2Limits = enableV2Controllers(mount.resolve(ownV2), parent);
			}
		}
		removeLeftovers();
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

	/** Jobs' cgroups left by a portal that stopped: kill what is in them and remove them. */
	private void removeLeftovers() {
		for (Path parent : parents()) {
			try (Stream<Path> children = Files.list(parent)) {
				children.filter(Files::isDirectory).forEach(child -> {
					JobCgroup cgroup = new JobCgroup(this, child.getFileName().toString());
					cgroup.killAll();
					cgroup.remove();
				});
			}
			catch (IOException ex) {
				log.debug("Could not list {}: {}", parent, ex.getMessage());
			}
		}
	}

	private List<Path> parents() {
		List<Path> parents = new ArrayList<>(v1.values());
		if (v2 != null) {
			parents.add(v2);
		}
		return parents;
	}

	/** Removes the (empty) parent cgroups when the launcher stops; one with jobs left in it stays. */
	void removeParents() {
		for (JobCgroup spare = spares.poll(); spare != null; spare = spares.poll()) {
			spare.remove();
		}
		ownTasks.values().forEach(JobCgroups::closeQuietly);
		for (Path parent : parents()) {
			try {
				Files.deleteIfExists(parent);
			}
			catch (IOException ex) {
				log.debug("Job cgroup parent {} stays: {}", parent, ex.getMessage());
			}
		}
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

	/** A job's cgroups, with their limits set: a spare one if there is one, else made now. */
	JobCgroup take() throws IOException {
		for (JobCgroup spare = spares.poll(); spare != null; spare = spares.poll()) {
			// Another launcher on the same jobs directory removes leftovers when it starts.
			if (Files.isDirectory(parents().getFirst().resolve(spare.name))) {
				return spare;
			}
			spare.remove();
		}
		return create();
	}

	/** Makes a spare job cgroup unless there is one; called when the launcher has nothing else to do. */
	void prepareSpare() {
		if (!spares.isEmpty() || !killable()) {
			return;
		}
		try {
			spares.add(create());
		}
		catch (IOException ex) {
			log.debug("No spare job cgroup: {}", ex.getMessage());
		}
	}

	private JobCgroup create() throws IOException {
		// Never the name of a cgroup that a previous portal left behind with survivors in it.
		String name = "job-" + SELF + "-" + NAMES.incrementAndGet();
		JobCgroup cgroup = new JobCgroup(this, name);
		try {
			for (Path parent : parents()) {
				Files.createDirectory(parent.resolve(name));
			}
			setLimits(name);
			for (Path parent : v1.values()) {
				cgroup.joins.add(FileChannel.open(parent.resolve(name).resolve("tasks"), StandardOpenOption.WRITE));
			}
		}
		catch (IOException | RuntimeException ex) {
			cgroup.remove();
			throw ex;
		}
		return cgroup;
	}

	private void setLimits(String name) throws IOException {
		Path memory = v1.get("memory");
		if (memory != null) {
			write(memory.resolve(name).resolve("memory.limit_in_bytes"), limits.memoryLimit().toBytes());
			tryWrite(memory.resolve(name).resolve("memory.memsw.limit_in_bytes"), limits.memoryLimit().toBytes());
		}
		Path pids = v1.get("pids");
		if (pids != null) {
			write(pids.resolve(name).resolve("pids.max"), limits.pidsLimit());
		}
		Path cpu = v1.get("cpu");
		if (cpu != null) {
			write(cpu.resolve(name).resolve("cpu.cfs_period_us"), 100_000);
			write(cpu.resolve(name).resolve("cpu.cfs_quota_us"), Math.max(1000, Math.round(limits.cpuLimit() * 100_000)));
		}
		if (v2 != null && v2Limits) {
			Path dir = v2.resolve(name);
			write(dir.resolve("memory.max"), limits.memoryLimit().toBytes());
			tryWrite(dir.resolve("memory.swap.max"), 0);
			write(dir.resolve("pids.max"), limits.pidsLimit());
			Files.writeString(dir.resolve("cpu.max"), Math.max(1000, Math.round(limits.cpuLimit() * 100_000)) + " 100000");
		}
	}

	/** The kernel's id of the calling thread ({@code /proc/thread-self} links to {@code PID/task/TID}). */
	private static byte[] currentThreadId() throws IOException {
		byte[] id = THREAD_ID.get();
		if (id == null) {
			id = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString().getBytes(StandardCharsets.US_ASCII);
			THREAD_ID.set(id);
		}
		return id;
	}

	private FileChannel ownTasks(Path parent) throws IOException {
		FileChannel channel = ownTasks.get(parent);
		if (channel == null) {
			channel = FileChannel.open(parent.getParent().resolve("tasks"), StandardOpenOption.WRITE);
			ownTasks.put(parent, channel);
		}
		return channel;
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing to do.
		}
	}

	private static void write(Path file, long value) throws IOException {
		Files.writeString(file, Long.toString(value));
	}

	private static void tryWrite(Path file, long value) {
		try {
			if (Files.exists(file)) {
				write(file, value);
			}
		}
		catch (IOException ex) {
			// Optional limit (swap accounting may be off).
		}
	}

	/**
	 * One job's cgroups in every writable hierarchy.
	 */
	static final class JobCgroup {

		private final JobCgroups cgroups;

		private final String name;

		/** This cgroup's open v1 {@code tasks} files, one write each for the starter thread to join. */
		private final List<FileChannel> joins = new ArrayList<>();

		JobCgroup(JobCgroups cgroups, String name) {
			this.cgroups = cgroups;
			this.name = name;
		}

		/**
		 * The v2 {@code cgroup.procs} file a wrapper must write its pid to before it execs the
		 * sandbox (a v2 cgroup takes whole processes only); empty when there is none.
		 */
		List<String> wrapperProcsFiles() {
			return cgroups.v2 == null ? List.of() : List.of(cgroups.v2.resolve(name).resolve("cgroup.procs").toString());
		}

		/**
		 * Starts the process inside the job's v1 cgroups: the calling thread moves itself into them
		 * (v1 takes single threads), the child inherits them from the first instruction on, and the
		 * thread moves back. No window in which the job runs outside its limits, and no wrapper.
		 */
		Process start(ProcessBuilder builder) throws IOException {
			if (joins.isEmpty()) {
				return builder.start();
			}
			byte[] tid = currentThreadId();
			List<Path> parents = List.copyOf(cgroups.v1.values());
			int joined = 0;
			try {
				for (FileChannel tasks : joins) {
					tasks.write(ByteBuffer.wrap(tid), 0);
					joined++;
				}
				return builder.start();
			}
			finally {
				for (int i = 0; i < joined; i++) {
					try {
						cgroups.ownTasks(parents.get(i)).write(ByteBuffer.wrap(tid), 0);
					}
					catch (IOException ex) {
						log.error("The job starter thread could not leave job cgroup {}: {}", parents.get(i).resolve(name),
								ex.toString());
					}
				}
				closeJoins();
			}
		}

		private void closeJoins() {
			joins.forEach(JobCgroups::closeQuietly);
			joins.clear();
		}

		/** Every pid in the job's cgroups. */
		List<Long> pids() {
			List<Long> pids = new ArrayList<>();
			cgroups.parents().forEach(parent -> addPids(parent, pids));
			return pids;
		}

		private void addPids(Path parent, List<Long> pids) {
			try {
				for (String line : Files.readAllLines(parent.resolve(name).resolve("cgroup.procs"))) {
					if (!line.isBlank()) {
						long pid = Long.parseLong(line.strip());
						// The portal itself while its starter thread is inside (JobCgroup.start).
						if (pid != SELF && !pids.contains(pid)) {
							pids.add(pid);
						}
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// Gone already.
			}
		}

		/** SIGKILL to everything in the job's cgroups, until they are empty. */
		void killAll() {
			if (cgroups.v2 != null) {
				Path kill = cgroups.v2.resolve(name).resolve("cgroup.kill");
				if (Files.exists(kill)) {
					try {
						Files.writeString(kill, "1");
					}
					catch (IOException ex) {
						log.debug("cgroup.kill failed for {}: {}", name, ex.getMessage());
					}
				}
			}
			// After bwrap exits, its PID-namespace init is still tearing the namespaces down for a few ms:
			// poll at a fine grain first, so the result is recorded as soon as the tree is gone.
			long begin = System.nanoTime();
			long deadline = begin + TimeUnit.SECONDS.toNanos(1);
			// One hierarchy while waiting (a job's processes are in all of them together), all at the end.
			Path watched = cgroups.v1.getOrDefault("pids", cgroups.parents().getFirst());
			while (System.nanoTime() < deadline) {
				List<Long> pids = new ArrayList<>();
				addPids(watched, pids);
				if (pids.isEmpty()) {
					pids = pids();
					if (pids.isEmpty()) {
						return;
					}
				}
				pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
				if (System.nanoTime() - begin < TimeUnit.MILLISECONDS.toNanos(20)) {
					LockSupport.parkNanos(100_000);
				}
				else {
					sleep(2);
				}
			}
			log.warn("Processes of job cgroup {} survive SIGKILL: {}", name, pids());
		}

		/** CPU time of the whole tree in nanoseconds, or -1. */
		long cpuNanos() {
			Path cpuacct = cgroups.v1.get("cpuacct");
			if (cpuacct != null) {
				Long usage = readLong(cpuacct.resolve(name).resolve("cpuacct.usage"));
				if (usage != null) {
					return usage;
				}
			}
			if (cgroups.v2 != null) {
				try {
					for (String line : Files.readAllLines(cgroups.v2.resolve(name).resolve("cpu.stat"))) {
						if (line.startsWith("usage_usec ")) {
							return Long.parseLong(line.substring(11).strip()) * 1000;
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					// No figure.
				}
			}
			return -1;
		}

		/** Peak memory in bytes, or -1. */
		long peakMemoryBytes() {
			Path memory = cgroups.v1.get("memory");
			if (memory != null) {
				Long peak = readLong(memory.resolve(name).resolve("memory.max_usage_in_bytes"));
				if (peak != null) {
					return peak;
				}
			}
			if (cgroups.v2 != null) {
				Long peak = readLong(cgroups.v2.resolve(name).resolve("memory.peak"));
				if (peak != null) {
					return peak;
				}
			}
			return -1;
		}

		/** Whether the memory limit killed something in the job. */
		boolean hitMemoryLimit() {
			Path memory = cgroups.v1.get("memory");
			if (memory != null) {
				Long failures = readLong(memory.resolve(name).resolve("memory.failcnt"));
				try {
					String control = Files.readString(memory.resolve(name).resolve("memory.oom_control"));
					if (control.contains("oom_kill ") && !control.contains("oom_kill 0")) {
						return true;
					}
				}
				catch (IOException ex) {
					// Older kernels have no oom_kill counter.
				}
				return failures != null && failures > 0;
			}
			if (cgroups.v2 != null) {
				try {
					for (String line : Files.readAllLines(cgroups.v2.resolve(name).resolve("memory.events"))) {
						if (line.startsWith("oom_kill ") && !line.equals("oom_kill 0")) {
							return true;
						}
					}
				}
				catch (IOException ex) {
					// No figure.
				}
			}
			return false;
		}

		/** Removes the cgroups; rmdir may fail with EBUSY for a few ms after the last exit. */
		void remove() {
			closeJoins();
			for (Path parent : cgroups.parents()) {
				Path dir = parent.resolve(name);
				for (int attempt = 0; attempt < 50 && Files.exists(dir); attempt++) {
					try {
						Files.delete(dir);
					}
					catch (IOException ex) {
						sleep(10);
					}
				}
			}
		}

		private static Long readLong(Path file) {
			try {
				return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
