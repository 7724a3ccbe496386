package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's cgroups in every writable hierarchy: the job's start inside them, its
 * processes, the kill of the whole tree, what it used (CPU time, peak memory, whether it
 * ran out of memory) and their removal.
 */
final class JobCgroup {

	private static final Logger log = LoggerFactory.getLogger(JobCgroups.class);

	private final JobCgroups cgroups;

	private final CgroupHierarchies hierarchies;

	private final String name;

	/**
	 * This cgroup's open v1 {@code tasks} files, one write each for the starter thread to
	 * join.
	 */
	private final List<FileChannel> joins = new ArrayList<>();

	JobCgroup(JobCgroups cgroups, String name) {
		this.cgroups = cgroups;
		this.name = name;
		this.hierarchies = cgroups.hierarchies();
	}

	String name() {
		return name;
	}

	/**
	 * One of this cgroup's v1 {@code tasks} files, opened for the starter thread to join.
	 */
	void addJoin(FileChannel tasks) {
		joins.add(tasks);
	}

	/**
	 * The v2 {@code cgroup.procs} file a wrapper must write its pid to before it execs
	 * the sandbox (a v2 cgroup takes whole processes only); empty when there is none.
	 */
	List<String> wrapperProcsFiles() {
		return hierarchies.v2() == null ? List.of()
				: List.of(hierarchies.v2().resolve(name).resolve("cgroup.procs").toString());
	}

	/**
	 * Starts the process inside the job's v1 cgroups: the calling thread moves itself
	 * into them (v1 takes single threads), the child inherits them from the first
	 * instruction on, and the thread moves back. No window in which the job runs outside
	 * its limits, and no wrapper.
	 */
	Process start(ProcessBuilder builder) throws IOException {
		if (joins.isEmpty()) {
			return builder.start();
		}
		byte[] tid = JobCgroups.currentThreadId();
		List<Path> parents = hierarchies.v1Parents();
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
		hierarchies.parents().forEach(parent -> addPids(parent, pids));
		return pids;
	}

	private void addPids(Path parent, List<Long> pids) {
		try {
			for (String line : Files.readAllLines(parent.resolve(name).resolve("cgroup.procs"))) {
				if (!line.isBlank()) {
					long pid = Long.parseLong(line.strip());
					// The portal itself while its starter thread is inside
					// (JobCgroup.start).
					if (pid != JobCgroups.SELF && !pids.contains(pid)) {
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
		if (hierarchies.v2() != null) {
			Path kill = hierarchies.v2().resolve(name).resolve("cgroup.kill");
			if (Files.exists(kill)) {
				try {
					Files.writeString(kill, "1");
				}
				catch (IOException ex) {
					log.debug("cgroup.kill failed for {}: {}", name, ex.getMessage());
				}
			}
		}
		// After bwrap exits, its PID-namespace init is still tearing the namespaces down
		// for a few ms:
		// poll at a fine grain first, so the result is recorded as soon as the tree is
		// gone.
		long begin = System.nanoTime();
		long deadline = begin + TimeUnit.SECONDS.toNanos(1);
		// One hierarchy while waiting (a job's processes are in all of them together),
		// all at the end.
		Path pidsParent = hierarchies.v1("pids");
		Path watched = pidsParent != null ? pidsParent : hierarchies.parents().getFirst();
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
		Path cpuacct = hierarchies.v1("cpuacct");
		if (cpuacct != null) {
			Long usage = readLong(cpuacct.resolve(name).resolve("cpuacct.usage"));
			if (usage != null) {
				return usage;
			}
		}
		if (hierarchies.v2() != null) {
			try {
				for (String line : Files.readAllLines(hierarchies.v2().resolve(name).resolve("cpu.stat"))) {
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
		Path memory = hierarchies.v1("memory");
		if (memory != null) {
			Long peak = readLong(memory.resolve(name).resolve("memory.max_usage_in_bytes"));
			if (peak != null) {
				return peak;
			}
		}
		if (hierarchies.v2() != null) {
			Long peak = readLong(hierarchies.v2().resolve(name).resolve("memory.peak"));
			if (peak != null) {
				return peak;
			}
		}
		return -1;
	}

	/** Whether the memory limit killed something in the job. */
	boolean hitMemoryLimit() {
		Path memory = hierarchies.v1("memory");
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
		if (hierarchies.v2() != null) {
			try {
				for (String line : Files.readAllLines(hierarchies.v2().resolve(name).resolve("memory.events"))) {
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

	/**
	 * Removes the cgroups; rmdir may fail with EBUSY for a few ms after the last exit.
	 */
	void remove() {
		closeJoins();
		for (Path parent : hierarchies.parents()) {
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
