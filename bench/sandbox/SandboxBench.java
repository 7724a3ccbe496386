import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.local.LocalSandboxLauncher;
import kr.aifellows.portal.gpu.local.LocalSandboxProperties;

/**
 * Start overhead of the local sandbox launcher over bare bubblewrap, both running {@code true},
 * measured in one JVM one after the other: bare = spawn bwrap with a minimal profile and wait for
 * it; launcher = submit a job (work directory, script, cgroups, uid drop, full profile) and wait
 * until its result is recorded.
 */
public class SandboxBench {

	public static void main(String[] args) throws Exception {
		int runs = Integer.parseInt(System.getProperty("runs", "100"));
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
			for (int i = 0; i < 10; i++) {
				bare(bare);
				launched(launcher, 1_000_000 + i);
			}
			List<Double> bareMs = new ArrayList<>();
			List<Double> launcherMs = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				bareMs.add(bare(bare));
				launcherMs.add(launched(launcher, 2_000_000 + i));
			}
			double bareMedian = median(bareMs);
			double launcherMedian = median(launcherMs);
			System.out.printf("runs=%d bare bwrap: median %.1f ms (p90 %.1f); launcher: median %.1f ms (p90 %.1f); ratio %.2fx%n",
					runs, bareMedian, p90(bareMs), launcherMedian, p90(launcherMs), launcherMedian / bareMedian);
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
		String externalId = launcher.submit(new JobSpec(id, "bench", "true", 1, 1, "local", Duration.ofMinutes(1), null,
				Map.of()));
		while (launcher.accounting(externalId).isEmpty()) {
			Thread.sleep(1);
		}
		return (System.nanoTime() - t0) / 1e6;
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
