package kr.aifellows.portal.gpu.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.unit.DataSize;

/**
 * Measures running jobs' work directories and stops a job whose directory holds more than
 * the cap; a thread of its own, so a big tree never delays a time limit.
 */
final class WorkDirectoryWatch implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalSandboxLauncher.class);

	private static final Duration WORK_DIR_CHECK_INTERVAL = Duration.ofSeconds(1);

	private final ScheduledExecutorService diskWatch = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-disk").daemon().factory());

	private final DataSize maxWorkDirSize;

	private final Collection<LocalJob> jobs;

	private final BiConsumer<LocalJob, String> failNow;

	/**
	 * Watches the jobs of this (live) collection; {@code failNow} stops one with a
	 * reason.
	 */
	WorkDirectoryWatch(DataSize maxWorkDirSize, Collection<LocalJob> jobs, BiConsumer<LocalJob, String> failNow) {
		this.maxWorkDirSize = maxWorkDirSize;
		this.jobs = jobs;
		this.failNow = failNow;
	}

	void start() {
		diskWatch.schedule(this::checkWorkDirectories, WORK_DIR_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		diskWatch.shutdownNow();
	}

	/**
	 * Stops every running job whose work directory holds more than the cap. Polling, so a
	 * job can overshoot by what it writes between two checks; the checks run at most a
	 * tenth of the time, so a tree of millions of files is measured less often rather
	 * than hogging a core.
	 */
	private void checkWorkDirectories() {
		long began = System.nanoTime();
		long cap = maxWorkDirSize.toBytes();
		try {
			for (LocalJob job : jobs) {
				if (job.runningUnstopped() && sizeOf(job.dir.resolve("work"), cap) > cap) {
					failNow.accept(job, "work directory over " + describe(maxWorkDirSize));
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Checking the jobs' work directories failed", ex);
		}
		finally {
			long spent = System.nanoTime() - began;
			long delay = Math.max(WORK_DIR_CHECK_INTERVAL.toNanos(), 10 * spent);
			if (!diskWatch.isShutdown()) {
				diskWatch.schedule(this::checkWorkDirectories, delay, TimeUnit.NANOSECONDS);
			}
		}
	}

	/**
	 * The bytes in a directory tree (files' sizes and directories' own sizes; links not
	 * followed), counting stops early once past {@code enough}.
	 */
	static long sizeOf(Path directory, long enough) {
		long[] total = { 0 };
		try {
			Files.walkFileTree(directory, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					return add(attributes);
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					return add(attributes);
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					// Deleted while we looked, or unreadable: the job's business.
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException ex) {
					return FileVisitResult.CONTINUE;
				}

				private FileVisitResult add(BasicFileAttributes attributes) {
					total[0] += attributes.size();
					return total[0] > enough ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			log.debug("Could not measure {}: {}", directory, ex.getMessage());
		}
		return total[0];
	}

	/** "10 GB", "512 MB": a size as an administrator configured it. */
	static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
			return (bytes >> 30) + " GB";
		}
		if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
			return (bytes >> 20) + " MB";
		}
		return bytes >= 1L << 10 && bytes % (1L << 10) == 0 ? (bytes >> 10) + " KB" : bytes + " bytes";
	}

}
