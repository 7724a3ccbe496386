import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.unit.DataSize;

import kr.aifellows.portal.gpu.Balance;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJob;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.GpuProperties;
import kr.aifellows.portal.gpu.JobRefusedException;
import kr.aifellows.portal.gpu.JobRequest;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.LedgerEntry;
import kr.aifellows.portal.gpu.local.GpuDevice;
import kr.aifellows.portal.gpu.local.LocalSandboxLauncher;
import kr.aifellows.portal.gpu.local.LocalSandboxProperties;

/**
 * The local sandbox launcher on this host's real GPUs, with the real GPU-hour ledger on an
 * embedded PostgreSQL: a fellow with a grant submits jobs that print what they see (nvidia-smi -L,
 * CUDA_VISIBLE_DEVICES, device nodes, torch) and run a short CUDA workload. The check passes when
 * each job saw exactly its own GPUs, no two jobs shared a GPU, and the ledger charged each job once,
 * GPUs × elapsed seconds, with its hold released and the balance exact.
 * <p>
 * With two or more GPUs it runs a 1-GPU and a 2-GPU job side by side. With one GPU it runs two
 * 1-GPU jobs (the second must wait for the first: no sharing) and shows that a 2-GPU job is refused
 * before anything is held. Run by gpu-check.sh; {@code -DdryRun=true} accepts virtual GPUs, to
 * try the check on a machine without any.
 */
public class GpuCheck {

	static final String SCRIPT = """
			# What a fellow's script does on a cluster node ("module load cuda"): the driver's tools and libraries.
			export PATH="$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin"
			export LD_LIBRARY_PATH="/usr/local/nvidia/lib64:/usr/local/nvidia/lib:/usr/local/cuda/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
			echo "CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES"
			echo "UID=$(id -u)"
			echo "DEVICE-NODES: $(ls /dev | grep -E '^nvidia[0-9]+$' | tr '\\n' ' ')"
			nvidia-smi -L 2>&1 | sed 's/^/SMI-L: /'
			PY=""
			for candidate in python3 /opt/torch/.venv/bin/python3 /opt/conda/bin/python3; do
			  if "$candidate" -c 'import torch' 2>/dev/null; then PY="$candidate"; break; fi
			done
			if [ -n "$PY" ]; then
			  "$PY" - <<'EOF'
			import time, torch
			n = torch.cuda.device_count()
			print("TORCH-DEVICES:", n)
			for i in range(n):
			    print("TORCH-NAME:", torch.cuda.get_device_name(i))
			x = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
			torch.cuda.synchronize(); t = time.time()
			for _ in range(200):
			    y = x @ x
			torch.cuda.synchronize()
			dt = time.time() - t
			print("CUDA-WORKLOAD: 200 bf16 matmuls 8192x8192 in %.3f s = %.0f TFLOP/s" % (dt, 200 * 2 * 8192**3 / dt / 1e12))
			EOF
			else
			  echo "CUDA-WORKLOAD: no python with torch inside the sandbox; nvidia-smi query instead"
			  nvidia-smi --query-gpu=index,uuid,name,utilization.gpu,memory.used --format=csv 2>&1
			fi
			sleep 3
			""";

	static final long FELLOW = 1;

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "target/gpu-check");
		Files.createDirectories(out);
		// Jobs' folders and the database stay out of the report folder, which holds only what is to be read.
		Path work = Path.of(System.getProperty("workDir", out.resolve("work").toString())).toAbsolutePath();
		boolean dryRun = Boolean.getBoolean("dryRun");
		LocalSandboxProperties properties = new LocalSandboxProperties(work.resolve("jobs"),
				dryRun ? Integer.getInteger("dryRunGpus", 2) : 0, Boolean.getBoolean("allowUnsandboxed"), DataSize.ofGigabytes(16), 4.0, 4096,
				Duration.ofSeconds(5), 65534, "local", System.getProperty("bwrap", "/usr/bin/bwrap"),
				System.getProperty("nvidiaSmi", "nvidia-smi"), DataSize.ofGigabytes(1), softwarePaths());
		StringBuilder report = new StringBuilder();
		boolean pass;
		try (LocalSandboxLauncher launcher = new LocalSandboxLauncher(properties, Clock.systemUTC())) {
			report.append("sandbox: ").append(launcher.report()).append('\n');
			List<GpuDevice> gpus = launcher.report().gpus();
			report.append("host GPUs (").append(launcher.report().gpuSource()).append("): ").append(gpus.size()).append('\n');
			gpus.forEach(gpu -> report.append("  ").append(gpu).append('\n'));
			if (gpus.isEmpty() || (!dryRun && !"nvidia-smi".equals(launcher.report().gpuSource()))) {
				report.append("FAIL: no NVIDIA GPU visible to nvidia-smi\n");
				pass = false;
			}
			else {
				pass = runWithLedger(launcher, gpus, work, report);
			}
		}
		catch (Exception | LinkageError ex) {
			report.append("FAIL: ").append(ex).append('\n');
			Arrays.stream(ex.getStackTrace()).limit(12).forEach(line -> report.append("  at ").append(line).append('\n'));
			pass = false;
		}
		report.append(pass ? "GPU CHECK PASSED\n" : "GPU CHECK FAILED\n");
		Files.writeString(out.resolve("gpu-check.txt"), report);
		System.out.print(report);
		System.exit(pass ? 0 : 1);
	}

	static boolean runWithLedger(LocalSandboxLauncher launcher, List<GpuDevice> gpus, Path work, StringBuilder report)
			throws Exception {
		DataSource dataSource = embeddedPostgres(work.resolve("postgres"));
		try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
				InputStream migration = GpuCheck.class.getResourceAsStream("/db/migration/V20__gpu_ledger.sql")) {
			statement.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
		}
		var transactions = new DataSourceTransactionManager(dataSource);
		Clock clock = Clock.systemUTC();
		GpuAllocations allocations = new GpuAllocations(dataSource, transactions, clock);
		GpuJobs jobs = new GpuJobs(dataSource, transactions, launcher, GpuProperties.defaults(), clock);
		Instant now = Instant.now();
		long granted = 4 * 3600;
		allocations.grant(FELLOW, granted, now.minusSeconds(60), now.plus(Duration.ofDays(30)), "ADMIN", "gpu-check",
				"gpu-check");
		report.append("ledger: granted ").append(granted).append(" GPU-seconds to fellow ").append(FELLOW).append('\n');

		boolean ok = true;
		Map<Long, Integer> submitted = new LinkedHashMap<>();
		if (gpus.size() >= 2) {
			submitted.put(submit(jobs, "gpu-check-1", 1).id(), 1);
			submitted.put(submit(jobs, "gpu-check-2", 2).id(), 2);
		}
		else {
			submitted.put(submit(jobs, "gpu-check-a", 1).id(), 1);
			submitted.put(submit(jobs, "gpu-check-b", 1).id(), 1);
			Balance before = allocations.balance(FELLOW);
			try {
				submit(jobs, "gpu-check-wide", 2);
				report.append("FAIL: a 2-GPU job was admitted on a 1-GPU host\n");
				ok = false;
			}
			catch (JobRefusedException ex) {
				boolean nothingHeld = allocations.balance(FELLOW).held() == before.held();
				report.append(nothingHeld && ex.limit() == JobRefusedException.Limit.GPUS_PER_NODE
						? "OK: a 2-GPU job on this 1-GPU host was refused (" + ex.getMessage() + "), nothing held\n"
						: "FAIL: the 2-GPU job was refused with " + ex.limit() + ", held changed: " + !nothingHeld + "\n");
				ok &= nothingHeld && ex.limit() == JobRefusedException.Limit.GPUS_PER_NODE;
			}
		}
		report.append("submitted jobs ").append(submitted.keySet()).append(", balance now ")
			.append(allocations.balance(FELLOW)).append('\n');

		long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
		while (System.nanoTime() < deadline
				&& submitted.keySet().stream().anyMatch(id -> !jobs.find(FELLOW, id).orElseThrow().settled())) {
			Thread.sleep(500);
			jobs.reconcileAll();
		}
		// A second pass must not charge anything again.
		jobs.reconcileAll();

		List<GpuJob> finished = new ArrayList<>();
		long charged = 0;
		List<LedgerEntry> ledger = allocations.ledger(FELLOW);
		for (Map.Entry<Long, Integer> entry : submitted.entrySet()) {
			GpuJob job = jobs.find(FELLOW, entry.getKey()).orElseThrow();
			finished.add(job);
			ok &= checkJob(jobs, job, entry.getValue(), ledger, report);
			charged += job.chargedSeconds() == null ? 0 : job.chargedSeconds();
		}
		if (gpus.size() == 1 && finished.size() == 2) {
			GpuJob first = finished.get(0).startedAt().isBefore(finished.get(1).startedAt()) ? finished.get(0)
					: finished.get(1);
			GpuJob second = first == finished.get(0) ? finished.get(1) : finished.get(0);
			boolean exclusive = !second.startedAt().isBefore(first.endedAt());
			report.append(exclusive ? "OK" : "FAIL").append(": the second 1-GPU job started at ")
				.append(second.startedAt()).append(", the first ended at ").append(first.endedAt())
				.append(exclusive ? " (it waited: no sharing)\n" : " (they overlapped on one GPU)\n");
			ok &= exclusive;
		}
		Balance balance = allocations.balance(FELLOW);
		boolean exact = balance.held() == 0 && balance.available() == granted - charged && balance.charged() == charged;
		report.append(exact ? "OK" : "FAIL").append(": final balance ").append(balance).append(" = granted ")
			.append(granted).append(" − charged ").append(charged).append('\n');
		ok &= exact;
		report.append("\nledger of fellow ").append(FELLOW).append(":\n");
		for (LedgerEntry line : allocations.ledger(FELLOW)) {
			report.append(String.format("  %-7s %7d s  job %-4s available after %7d  %s%n", line.kind(),
					line.gpuSeconds(), line.jobId() == null ? "-" : line.jobId(), line.availableAfter(),
					line.reason() == null ? "" : line.reason()));
		}
		return ok;
	}

	static GpuJob submit(GpuJobs jobs, String name, int gpus) {
		return jobs.submit(new JobRequest(FELLOW, name, SCRIPT, 1, gpus, "local", Duration.ofMinutes(5), null, Map.of()));
	}

	static boolean checkJob(GpuJobs jobs, GpuJob job, int gpuCount, List<LedgerEntry> ledger, StringBuilder report) {
		String log = jobs.logTail(FELLOW, job.id(), 64 * 1024);
		report.append("\n=== job ").append(job.id()).append(' ').append(job.name()).append(" (").append(gpuCount)
			.append(" GPU) ===\n").append(log).append("job: state ").append(job.state()).append(", placement ")
			.append(job.placement()).append(", elapsed ").append(job.elapsedSeconds()).append(" s, charged ")
			.append(job.chargedSeconds()).append(" GPU-s, exit ").append(job.exitCode()).append('\n');
		boolean ok = true;
		if (job.state() != JobState.COMPLETED) {
			report.append("FAIL: state ").append(job.state()).append(' ').append(Optional.ofNullable(job.reason()).orElse(""))
				.append('\n');
			ok = false;
		}
		List<String> visible = log.lines()
			.filter(line -> line.startsWith("CUDA_VISIBLE_DEVICES="))
			.flatMap(line -> Arrays.stream(line.substring("CUDA_VISIBLE_DEVICES=".length()).split(",")))
			.filter(value -> !value.isBlank())
			.toList();
		List<String> listed = log.lines().filter(line -> line.startsWith("SMI-L: GPU ")).toList();
		if (visible.size() != gpuCount) {
			report.append("FAIL: CUDA_VISIBLE_DEVICES has ").append(visible.size()).append(" GPUs\n");
			ok = false;
		}
		if (listed.size() != gpuCount) {
			report.append("FAIL: nvidia-smi -L inside the sandbox lists ").append(listed.size())
				.append(" GPUs, expected ").append(gpuCount).append('\n');
			ok = false;
		}
		for (String line : listed) {
			if (visible.stream().noneMatch(line::contains)) {
				report.append("FAIL: the job sees a GPU that is not its own: ").append(line).append('\n');
				ok = false;
			}
		}
		Optional<String> torch = log.lines().filter(line -> line.startsWith("TORCH-DEVICES:")).findFirst();
		if (torch.isPresent() && !torch.get().endsWith(" " + gpuCount)) {
			report.append("FAIL: torch sees ").append(torch.get()).append('\n');
			ok = false;
		}
		if (log.lines().anyMatch(line -> line.equals("UID=0"))) {
			report.append("FAIL: the job ran as root\n");
			ok = false;
		}
		List<LedgerEntry> own = ledger.stream().filter(line -> Long.valueOf(job.id()).equals(line.jobId())).toList();
		long holds = own.stream().filter(line -> line.kind() == LedgerEntry.Kind.HOLD).count();
		List<LedgerEntry> charges = own.stream().filter(line -> line.kind() == LedgerEntry.Kind.CHARGE).toList();
		long heldLeft = own.stream().mapToLong(LedgerEntry::heldDelta).sum();
		long expected = job.elapsedSeconds() == null ? -1 : gpuCount * job.elapsedSeconds();
		if (holds != 1 || charges.size() != 1 || charges.getFirst().gpuSeconds() != expected || expected <= 0
				|| heldLeft != 0) {
			report.append("FAIL: ledger for the job: ").append(holds).append(" HOLD, ").append(charges.size())
				.append(" CHARGE ").append(charges.stream().map(LedgerEntry::gpuSeconds).toList()).append(", expected ")
				.append(expected).append(", hold left ").append(heldLeft).append('\n');
			ok = false;
		}
		if (ok) {
			report.append("OK: saw exactly its ").append(gpuCount).append(" GPU(s) ").append(visible)
				.append(", charged once ").append(expected).append(" GPU-seconds (").append(gpuCount).append(" × ")
				.append(job.elapsedSeconds()).append(" s), hold released\n");
		}
		return ok;
	}

	/** The portal's own embedded PostgreSQL starter (it runs the server unprivileged when we are root). */
	static DataSource embeddedPostgres(Path dataDirectory) throws Exception {
		Class<?> server = Class.forName("kr.aifellows.portal.system.database.EmbeddedPostgresServer");
		Method acquire = server.getDeclaredMethod("acquire", Path.class, boolean.class, int.class);
		acquire.setAccessible(true);
		Object postgres = acquire.invoke(null, dataDirectory, true, 0);
		return (DataSource) postgres.getClass().getMethod("getPostgresDatabase").invoke(postgres);
	}

	/** Where this host keeps CUDA software outside /usr (the GPU machines' PyTorch lives in /opt). */
	static List<Path> softwarePaths() {
		String configured = System.getProperty("softwarePaths", "/opt");
		return configured.isBlank() ? List.of()
				: Arrays.stream(configured.split(",")).map(Path::of).filter(Files::isDirectory).toList();
	}

}
