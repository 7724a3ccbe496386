package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-job cgroups under the portal's own cgroup, in whichever hierarchies the host lets
 * us write ({@link CgroupHierarchies}): made with their limits set, a spare one ahead of
 * the next job, and those a stopped portal left behind cleared away.
 */
final class JobCgroups {

	private static final Logger log = LoggerFactory.getLogger(JobCgroups.class);

	static final long SELF = ProcessHandle.current().pid();

	private final CgroupHierarchies hierarchies;

	private final LocalSandboxProperties limits;

	/** Job cgroups made ahead, off the path of a job's start; taken by the next job. */
	private final Queue<JobCgroup> spares = new ConcurrentLinkedQueue<>();

	/**
	 * For all launchers of this JVM, which may share a jobs directory (and so the parent
	 * cgroups).
	 */
	private static final AtomicLong NAMES = new AtomicLong();

	/**
	 * Launchers of this JVM per parent (a test run starts several): the last one to stop
	 * removes it.
	 */
	private static final Map<String, Integer> USERS = new ConcurrentHashMap<>();

	/**
	 * Open {@code tasks} files of the portal's own v1 cgroups, for the starter thread's
	 * way back.
	 */
	private final Map<Path, FileChannel> ownTasks = new ConcurrentHashMap<>();

	private static final ThreadLocal<byte[]> THREAD_ID = new ThreadLocal<>();

	private final String parentName;

	JobCgroups(Path jobsDirectory, LocalSandboxProperties limits) {
		// One parent per jobs directory, so that launchers of different portals on a host
		// leave each other alone.
		String parentName = "aifellows-jobs-"
				+ Integer.toHexString(jobsDirectory.toAbsolutePath().normalize().hashCode());
		this.limits = limits;
		this.hierarchies = new CgroupHierarchies(parentName);
		this.parentName = parentName;
		USERS.merge(parentName, 1, Integer::sum);
		removeLeftovers();
	}

	CgroupHierarchies hierarchies() {
		return hierarchies;
	}

	/**
	 * Jobs' cgroups left by a portal that stopped: kill what is in them and remove them.
	 * Those of this JVM belong to a launcher that still runs here.
	 */
	private void removeLeftovers() {
		String ours = "job-" + SELF + "-";
		for (Path parent : hierarchies.parents()) {
			try (Stream<Path> children = Files.list(parent)) {
				children.filter(Files::isDirectory)
					.filter(child -> !child.getFileName().toString().startsWith(ours))
					.forEach(child -> {
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

	/**
	 * Removes the (empty) parent cgroups when the launcher stops; one with jobs left in
	 * it stays.
	 */
	void removeParents() {
		for (JobCgroup spare = spares.poll(); spare != null; spare = spares.poll()) {
			spare.remove();
		}
		ownTasks.values().forEach(JobCgroups::closeQuietly);
		if (USERS.merge(parentName, -1, Integer::sum) > 0) {
			return;
		}
		for (Path parent : hierarchies.parents()) {
			try {
				Files.deleteIfExists(parent);
			}
			catch (IOException ex) {
				log.debug("Job cgroup parent {} stays: {}", parent, ex.getMessage());
			}
		}
	}

	boolean memoryLimit() {
		return hierarchies.memoryLimit();
	}

	boolean pidsLimit() {
		return hierarchies.pidsLimit();
	}

	boolean cpuLimit() {
		return hierarchies.cpuLimit();
	}

	boolean killable() {
		return hierarchies.killable();
	}

	String describe() {
		return hierarchies.describe();
	}

	/**
	 * A job's cgroups, with their limits set: a spare one if there is one, else made now.
	 */
	JobCgroup take() throws IOException {
		for (JobCgroup spare = spares.poll(); spare != null; spare = spares.poll()) {
			// Another launcher on the same jobs directory removes leftovers when it
			// starts.
			if (Files.isDirectory(hierarchies.parents().getFirst().resolve(spare.name()))) {
				return spare;
			}
			spare.remove();
		}
		return create();
	}

	/**
	 * Makes a spare job cgroup unless there is one; called when the launcher has nothing
	 * else to do.
	 */
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
		// Never the name of a cgroup that a previous portal left behind with survivors in
		// it.
		String name = "job-" + SELF + "-" + NAMES.incrementAndGet();
		JobCgroup cgroup = new JobCgroup(this, name);
		try {
			for (Path parent : hierarchies.parents()) {
				Files.createDirectory(parent.resolve(name));
			}
			setLimits(name);
			for (Path parent : hierarchies.v1Parents()) {
				cgroup.addJoin(FileChannel.open(parent.resolve(name).resolve("tasks"), StandardOpenOption.WRITE));
			}
		}
		catch (IOException | RuntimeException ex) {
			cgroup.remove();
			throw ex;
		}
		return cgroup;
	}

	private void setLimits(String name) throws IOException {
		Path memory = hierarchies.v1("memory");
		if (memory != null) {
			write(memory.resolve(name).resolve("memory.limit_in_bytes"), limits.memoryLimit().toBytes());
			tryWrite(memory.resolve(name).resolve("memory.memsw.limit_in_bytes"), limits.memoryLimit().toBytes());
		}
		Path pids = hierarchies.v1("pids");
		if (pids != null) {
			write(pids.resolve(name).resolve("pids.max"), limits.pidsLimit());
		}
		Path cpu = hierarchies.v1("cpu");
		if (cpu != null) {
			write(cpu.resolve(name).resolve("cpu.cfs_period_us"), 100_000);
			write(cpu.resolve(name).resolve("cpu.cfs_quota_us"),
					Math.max(1000, Math.round(limits.cpuLimit() * 100_000)));
		}
		if (hierarchies.v2() != null && hierarchies.v2Limits()) {
			Path dir = hierarchies.v2().resolve(name);
			write(dir.resolve("memory.max"), limits.memoryLimit().toBytes());
			tryWrite(dir.resolve("memory.swap.max"), 0);
			write(dir.resolve("pids.max"), limits.pidsLimit());
			Files.writeString(dir.resolve("cpu.max"),
					Math.max(1000, Math.round(limits.cpuLimit() * 100_000)) + " 100000");
		}
	}

	/**
	 * The kernel's id of the calling thread ({@code /proc/thread-self} links to
	 * {@code PID/task/TID}).
	 */
	static byte[] currentThreadId() throws IOException {
		byte[] id = THREAD_ID.get();
		if (id == null) {
			id = Files.readSymbolicLink(Path.of("/proc/thread-self"))
				.getFileName()
				.toString()
				.getBytes(StandardCharsets.US_ASCII);
			THREAD_ID.set(id);
		}
		return id;
	}

	FileChannel ownTasks(Path parent) throws IOException {
		FileChannel channel = ownTasks.get(parent);
		if (channel == null) {
			channel = FileChannel.open(parent.getParent().resolve("tasks"), StandardOpenOption.WRITE);
			ownTasks.put(parent, channel);
		}
		return channel;
	}

	static void closeQuietly(FileChannel channel) {
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

}
