import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.unit.DataSize;

import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.local.GpuDevice;
import kr.aifellows.portal.gpu.local.LocalSandboxLauncher;
import kr.aifellows.portal.gpu.local.LocalSandboxProperties;

/**
 * The local sandbox launcher on this host's real GPUs: a 1-GPU and a 2-GPU job each print what
 * they see (nvidia-smi -L, CUDA_VISIBLE_DEVICES, device nodes, torch if present) and run a short
 * CUDA workload; the check passes when each job saw exactly its own GPUs and was accounted
 * GPUs × elapsed seconds (what the ledger charges). Run by gpu-check.sh.
 */
public class GpuCheck {

	static final String SCRIPT = """
			echo "CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES"
			echo "DEVICE-NODES: $(ls /dev | grep -E '^nvidia[0-9]+$' | tr '\\n' ' ')"
			nvidia-smi -L 2>&1 | sed 's/^/SMI-L: /'
			if python3 -c 'import torch' 2>/dev/null; then
			  python3 - <<'PY'
			import time, torch
			n = torch.cuda.device_count()
			print("TORCH-DEVICES:", n)
			for i in range(n):
			    print("TORCH-NAME:", torch.cuda.get_device_name(i))
			x = torch.randn(4096, 4096, device="cuda")
			torch.cuda.synchronize(); t = time.time()
			for _ in range(50):
			    y = x @ x
			torch.cuda.synchronize()
			print("CUDA-WORKLOAD: 50 matmuls 4096x4096 in %.3f s" % (time.time() - t))
			PY
			else
			  echo "CUDA-WORKLOAD: torch not found inside the sandbox; nvidia-smi query instead"
			  nvidia-smi --query-gpu=index,uuid,name,utilization.gpu,memory.used --format=csv 2>&1
			fi
			sleep 3
			""";

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "target/gpu-check");
		Files.createDirectories(out);
		String bwrap = System.getProperty("bwrap", "/usr/bin/bwrap");
		boolean allowUnsandboxed = Boolean.getBoolean("allowUnsandboxed");
		LocalSandboxProperties properties = new LocalSandboxProperties(out.resolve("jobs").toAbsolutePath(), 0,
				allowUnsandboxed, DataSize.ofGigabytes(16), 4.0, 4096, Duration.ofSeconds(5), 65534, "local", bwrap,
				System.getProperty("nvidiaSmi", "nvidia-smi"), DataSize.ofGigabytes(1), softwarePaths());
		StringBuilder report = new StringBuilder();
		boolean pass = true;
		try (LocalSandboxLauncher launcher = new LocalSandboxLauncher(properties, Clock.systemUTC())) {
			report.append("sandbox: ").append(launcher.report()).append('\n');
			List<GpuDevice> gpus = launcher.report().gpus();
			report.append("host GPUs (nvidia-smi): ").append(gpus.size()).append('\n');
			gpus.forEach(gpu -> report.append("  ").append(gpu).append('\n'));
			if (!"nvidia-smi".equals(launcher.report().gpuSource()) || gpus.size() < 2) {
				report.append("FAIL: needs at least 2 NVIDIA GPUs visible to nvidia-smi\n");
				pass = false;
			}
			else {
				String one = launcher.submit(new JobSpec(1, "gpu-check-1", SCRIPT, 1, 1, "local", Duration.ofMinutes(5),
						null, Map.of()));
				String two = launcher.submit(new JobSpec(2, "gpu-check-2", SCRIPT, 1, 2, "local", Duration.ofMinutes(5),
						null, Map.of()));
				for (String[] job : new String[][] { { one, "1" }, { two, "2" } }) {
					pass &= check(launcher, job[0], Integer.parseInt(job[1]), gpus, report);
				}
			}
		}
		report.append(pass ? "GPU CHECK PASSED\n" : "GPU CHECK FAILED\n");
		Files.writeString(out.resolve("gpu-check.txt"), report);
		System.out.print(report);
		System.exit(pass ? 0 : 1);
	}

	/** Where this host keeps CUDA software outside /usr (the GPU machines' PyTorch lives in /opt). */
	static List<Path> softwarePaths() {
		return System.getProperty("softwarePaths", "/opt").isBlank() ? List.of()
				: Arrays.stream(System.getProperty("softwarePaths", "/opt").split(","))
					.map(Path::of)
					.filter(Files::isDirectory)
					.toList();
	}

	static boolean check(LocalSandboxLauncher launcher, String externalId, int gpuCount, List<GpuDevice> hostGpus,
			StringBuilder report) throws InterruptedException {
		Optional<JobAccounting> accounting = Optional.empty();
		for (int i = 0; i < 3000 && accounting.isEmpty(); i++) {
			Thread.sleep(100);
			accounting = launcher.accounting(externalId);
		}
		String log = launcher.logTail(externalId, 64 * 1024);
		report.append("\n=== job ").append(externalId).append(" (").append(gpuCount).append(" GPU) ===\n").append(log);
		if (accounting.isEmpty()) {
			report.append("FAIL: the job did not finish\n");
			return false;
		}
		JobAccounting result = accounting.get();
		report.append("accounting: ").append(result).append('\n');
		List<String> visible = log.lines()
			.filter(line -> line.startsWith("CUDA_VISIBLE_DEVICES="))
			.flatMap(line -> Arrays.stream(line.substring("CUDA_VISIBLE_DEVICES=".length()).split(",")))
			.filter(value -> !value.isBlank())
			.toList();
		List<String> listed = new ArrayList<>(log.lines().filter(line -> line.startsWith("SMI-L: GPU ")).toList());
		boolean ok = true;
		if (result.state() != JobState.COMPLETED) {
			report.append("FAIL: state ").append(result.state()).append('\n');
			ok = false;
		}
		if (visible.size() != gpuCount) {
			report.append("FAIL: CUDA_VISIBLE_DEVICES has ").append(visible.size()).append(" GPUs\n");
			ok = false;
		}
		if (listed.size() != gpuCount) {
			report.append("FAIL: nvidia-smi -L inside the sandbox lists ").append(listed.size()).append(" GPUs, expected ")
				.append(gpuCount).append('\n');
			ok = false;
		}
		for (String line : listed) {
			if (visible.stream().noneMatch(line::contains)) {
				report.append("FAIL: the job sees a GPU that is not its own: ").append(line).append('\n');
				ok = false;
			}
		}
		log.lines().filter(line -> line.startsWith("TORCH-DEVICES:")).findFirst().ifPresent(line -> {
			if (!line.endsWith(" " + gpuCount)) {
				report.append("FAIL: torch sees ").append(line).append('\n');
			}
		});
		if (result.gpuSeconds() != gpuCount * result.elapsedSeconds() || result.gpuSeconds() <= 0) {
			report.append("FAIL: accounted ").append(result.gpuSeconds()).append(" GPU-seconds\n");
			ok = false;
		}
		report.append(ok ? "OK: saw exactly its " + gpuCount + " GPU(s) " + visible + ", accounted "
				+ result.gpuSeconds() + " GPU-seconds (" + gpuCount + " × " + result.elapsedSeconds() + " s)\n"
				: "");
		return ok;
	}

}
