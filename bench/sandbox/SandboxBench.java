import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.local.LocalSandboxLauncher;
import kr.aifellows.portal.gpu.local.LocalSandboxProperties;

/**
 * Start overhead of the local sandbox launcher over bare bubblewrap, both running
 * {@code true}, measured in one JVM, alternating: bare = from
 * {@code ProcessBuilder.start()} of bwrap with a minimal profile until {@code waitFor()}
 * returns; launcher = from {@code submit()} (work directory, script, cgroups, uid drop,
 * full profile) until {@code accounting()} returns the recorded result (exit code, CPU
 * time, peak memory), polled every 0.25 ms. Each measurement starts after a pause of
 * {@code -Dpause} ms (default 20), so that neither side's background work (bwrap's
 * namespace teardown after it exits, the launcher removing the job's cgroups and
 * preparing the next ones) runs inside the other's measurement.
 */
public class SandboxBench {

	public static void main(String[] args) throws Exception {
		int runs = Integer.parseInt(System.getProperty("runs", "100"));
		long pause = Long.getLong("pause", 20);
		Path directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sandbox-bench");
		List<String> bare = new ArrayList<>(List.of("/usr/bin/bwrap", "--unshare-all", "--die-with-parent",
				"--new-session", "--ro-bind", "/usr", "/usr"));
		for (String link : List.of("bin", "lib", "lib64", "sbin")) {
			if (Files.isSymbolicLink(Path.of("/" + link))) {
				bare.addAll(List.of("--symlink", "usr/" + link, "/" + link));
			}
		}
		bare.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "/bin/true"));
		try (LocalSandboxLauncher launcher = new LocalSandboxLauncher(LocalSandboxProperties.defaults(directory),
				Clock.systemUTC())) {
			System.out.println("sandbox: " + launcher.report());
			// Warm-up: the launcher's code paths are compiled by the JIT before anything
			// is measured.
			int warmup = Integer.getInteger("warmup", 50);
			for (int i = 0; i < warmup; i++) {
				bare(bare);
				launched(launcher, 1_000_000 + i);
			}
			List<Double> bareMs = new ArrayList<>();
			List<Double> launcherMs = new ArrayList<>();
			long[] cpuTicks = new long[2];
			for (int i = 0; i < runs; i++) {
				Thread.sleep(pause);
				long before = cpuTicks();
				bareMs.add(bare(bare));
				cpuTicks[0] += cpuTicks() - before;
				Thread.sleep(pause);
				before = cpuTicks();
				launcherMs.add(launched(launcher, 2_000_000 + i));
				cpuTicks[1] += cpuTicks() - before;
			}
			double bareMedian = median(bareMs);
			double launcherMedian = median(launcherMs);
			System.out.printf(
					"runs=%d bare bwrap: median %.1f ms (p90 %.1f); launcher: median %.1f ms (p90 %.1f);"
							+ " ratio %.2fx (p90 %.2fx)%n",
					runs, bareMedian, p90(bareMs), launcherMedian, p90(launcherMs), launcherMedian / bareMedian,
					p90(launcherMs) / p90(bareMs));
			// CPU time does not depend on what else the machine runs: the steadier figure
			// on a shared host.
			System.out.printf(
					"CPU per run (this JVM and its reaped children, 10 ms ticks summed): bare %.1f ms;"
							+ " launcher %.1f ms; ratio %.2fx%n",
					cpuTicks[0] * 10.0 / runs, cpuTicks[1] * 10.0 / runs, (double) cpuTicks[1] / cpuTicks[0]);
		}
	}

	static double bare(List<String> command) throws Exception {
		long t0 = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("bare bwrap failed");
		}
		return (System.nanoTime() - t0) / 1e6;
	}

	static double launched(LocalSandboxLauncher launcher, long id) throws Exception {
		long t0 = System.nanoTime();
		String externalId = launcher
			.submit(new JobSpec(id, "bench", "true", 1, 1, "local", Duration.ofMinutes(1), null, Map.of()));
		while (launcher.accounting(externalId).isEmpty()) {
			LockSupport.parkNanos(250_000);
		}
		return (System.nanoTime() - t0) / 1e6;
	}

	/**
	 * utime + stime + cutime + cstime of this process from /proc/self/stat, in clock
	 * ticks (100 a second).
	 */
	static long cpuTicks() throws Exception {
		String stat = Files.readString(Path.of("/proc/self/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields[0] is the state (field 3): utime..cstime are fields 14..17.
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
				+ Long.parseLong(fields[14]);
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	static double p90(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get((int) (sorted.size() * 0.9));
	}

}
