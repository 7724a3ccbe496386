package kr.aifellows.portal.gpu.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.gpu.JobSpec;

/**
 * Submit-to-queued time on the dev cluster: SlurmLauncher.submit until squeue shows the
 * job, against a raw sbatch of the same job (same options, a ready-made script) until
 * squeue shows it, interleaved in the same run. Every job is cancelled right after it is
 * seen (not timed).
 */
public final class SubmitToQueuedBench {

	private static final Path STATE = Path.of(System.getenv().getOrDefault("AIF_SLURM_DIR", "/tmp/aifellows-slurm"));

	private static final Map<String, String> ENV = Map.of("SLURM_CONF", STATE.resolve("etc/slurm.conf").toString());

	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
		int warmup = 10;
		var launcher = new SlurmLauncher(SlurmProperties.devCluster(STATE, "fellows"));
		var rawDir = STATE.resolve("jobs/bench-raw");
		Files.createDirectories(rawDir);
		var batch = rawDir.resolve(SlurmLauncher.BATCH);
		try (var template = SlurmLauncher.class.getResourceAsStream("/launchers/slurm/job-template.sh")) {
			Files.write(batch, template.readAllBytes());
		}
		Files.writeString(rawDir.resolve(SlurmLauncher.SCRIPT), "sleep 30\n");
		Files.setPosixFilePermissions(batch, PosixFilePermissions.fromString("rwxr-xr-x"));
		var raw = List.of("sbatch", "--parsable", "--job-name=bench", "--account=fellows", "--nodes=1", "--gres=gpu:1",
				"--time=5", "--no-requeue", "--chdir=" + rawDir, "--output=" + rawDir.resolve("slurm-%j.out"),
				batch.toString());
		var rawTimes = new ArrayList<Long>();
		var portalTimes = new ArrayList<Long>();
		long jobId = System.currentTimeMillis() % 1_000_000 * 1000;
		for (int round = 0; round < warmup + rounds; round++) {
			for (int turn = 0; turn < 2; turn++) {
				boolean portal = (round + turn) % 2 == 0;
				long start = System.nanoTime();
				String id;
				if (portal) {
					id = launcher.submit(new JobSpec(++jobId, "bench", "sleep 30", 1, 1, null, Duration.ofMinutes(5),
							null, Map.of()));
				}
				else {
					id = run(raw).strip();
				}
				while (!run(List.of("squeue", "-h", "-j", id, "-o", "%i")).strip().equals(id)) {
					Thread.sleep(1);
				}
				long took = System.nanoTime() - start;
				run(List.of("scancel", id));
				if (round >= warmup) {
					(portal ? portalTimes : rawTimes).add(took);
				}
			}
		}
		var rawMedian = median(rawTimes);
		var portalMedian = median(portalTimes);
		System.out.printf("raw sbatch -> in squeue:             %s%n", summary(rawTimes));
		System.out.printf("SlurmLauncher.submit -> in squeue:   %s%n", summary(portalTimes));
		System.out.printf("ratio portal/raw: median %.3f, mean %.3f (goal <= 1.10)%n", portalMedian / rawMedian,
				mean(portalTimes) / mean(rawTimes));
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(ENV);
		var process = builder.start();
		var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0 && !command.get(0).equals("squeue") && !command.get(0).equals("scancel")) {
			throw new IllegalStateException(command + ": " + out);
		}
		return out;
	}

	private static double median(List<Long> nanos) {
		var sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		return sorted[sorted.length / 2] / 1e6;
	}

	private static double mean(List<Long> nanos) {
		return nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
	}

	private static String summary(List<Long> nanos) {
		var sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		return "median %.1f ms, p90 %.1f ms, mean %.1f ms (n=%d)".formatted(sorted[sorted.length / 2] / 1e6,
				sorted[(int) (sorted.length * 0.9)] / 1e6, Arrays.stream(sorted).average().orElse(0) / 1e6,
				sorted.length);
	}

}
