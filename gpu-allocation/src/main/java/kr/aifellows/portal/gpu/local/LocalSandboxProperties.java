package kr.aifellows.portal.gpu.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The local sandbox launcher ({@code portal.gpu.local.*}).
 *
 * @param directory where jobs' work directories, scripts and logs live
 * @param virtualGpus GPUs to pretend to have when {@code nvidia-smi} finds none (demo,
 * CI)
 * @param allowUnsandboxed run jobs even when bubblewrap does not work (never in
 * production)
 * @param memoryLimit memory per job (cgroup)
 * @param cpuLimit CPUs per job (cgroup CPU quota)
 * @param pidsLimit processes and threads per job (cgroup)
 * @param gracePeriod time between SIGTERM and SIGKILL when a job is cancelled or runs out
 * of time
 * @param sandboxUid the unprivileged user jobs run as when the portal runs as root
 * @param partition the name of the one partition this host offers
 * @param bwrap the bubblewrap binary
 * @param nvidiaSmi the nvidia-smi binary used for the GPU inventory
 * @param maxFileSize the largest file a job may write, its logs included (RLIMIT_FSIZE)
 * @param softwarePaths directories outside {@code /usr} that jobs see read-only at the
 * same place, such as {@code /opt/conda} or a CUDA toolkit; never one that holds the
 * jobs' directory or the portal's data
 * @param maxWorkDirSize the most a job's work directory may hold, all its files together;
 * a job that writes more is stopped as failed (checked about every second, so it may
 * overshoot briefly)
 */
@ConfigurationProperties("portal.gpu.local")
public record LocalSandboxProperties(@DefaultValue("data/gpu-jobs") Path directory, @DefaultValue("8") int virtualGpus,
		@DefaultValue("false") boolean allowUnsandboxed, @DefaultValue("4GB") DataSize memoryLimit,
		@DefaultValue("2.0") double cpuLimit, @DefaultValue("512") int pidsLimit,
		@DefaultValue("PT5S") Duration gracePeriod, @DefaultValue("65534") int sandboxUid,
		@DefaultValue("local") String partition, @DefaultValue("/usr/bin/bwrap") String bwrap,
		@DefaultValue("nvidia-smi") String nvidiaSmi, @DefaultValue("1GB") DataSize maxFileSize, @DefaultValue( {
		}) List<Path> softwarePaths, @DefaultValue("10GB") DataSize maxWorkDirSize){

	private static final DataSize DEFAULT_MAX_WORK_DIR_SIZE = DataSize.ofGigabytes(10);

	@ConstructorBinding
	public LocalSandboxProperties {
		softwarePaths = softwarePaths == null ? List.of() : List.copyOf(softwarePaths);
		maxWorkDirSize = maxWorkDirSize == null ? DEFAULT_MAX_WORK_DIR_SIZE : maxWorkDirSize;
	}

	/**
	 * Without a work directory cap: the default one (for tools written before it
	 * existed).
	 */
	public LocalSandboxProperties(Path directory, int virtualGpus, boolean allowUnsandboxed, DataSize memoryLimit,
			double cpuLimit, int pidsLimit, Duration gracePeriod, int sandboxUid, String partition, String bwrap,
			String nvidiaSmi, DataSize maxFileSize, List<Path> softwarePaths) {
		this(directory, virtualGpus, allowUnsandboxed, memoryLimit, cpuLimit, pidsLimit, gracePeriod, sandboxUid,
				partition, bwrap, nvidiaSmi, maxFileSize, softwarePaths, DEFAULT_MAX_WORK_DIR_SIZE);
	}

	/**
	 * Defaults with another directory, for tools and tests that run without Spring Boot's
	 * binder.
	 */
	public static LocalSandboxProperties defaults(Path directory) {
		return new LocalSandboxProperties(directory, 8, false, DataSize.ofGigabytes(4), 2.0, 512, Duration.ofSeconds(5),
				65534, "local", "/usr/bin/bwrap", "nvidia-smi", DataSize.ofGigabytes(1), List.of(),
				DEFAULT_MAX_WORK_DIR_SIZE);
	}

	public LocalSandboxProperties withLimits(DataSize memory, double cpus, int pids, Duration grace) {
		return new LocalSandboxProperties(directory, virtualGpus, allowUnsandboxed, memory, cpus, pids, grace,
				sandboxUid, partition, bwrap, nvidiaSmi, maxFileSize, softwarePaths, maxWorkDirSize);
	}

	public LocalSandboxProperties withMaxFileSize(DataSize size) {
		return new LocalSandboxProperties(directory, virtualGpus, allowUnsandboxed, memoryLimit, cpuLimit, pidsLimit,
				gracePeriod, sandboxUid, partition, bwrap, nvidiaSmi, size, softwarePaths, maxWorkDirSize);
	}

	public LocalSandboxProperties withMaxWorkDirSize(DataSize size) {
		return new LocalSandboxProperties(directory, virtualGpus, allowUnsandboxed, memoryLimit, cpuLimit, pidsLimit,
				gracePeriod, sandboxUid, partition, bwrap, nvidiaSmi, maxFileSize, softwarePaths, size);
	}

	public LocalSandboxProperties withVirtualGpus(int count) {
		return new LocalSandboxProperties(directory, count, allowUnsandboxed, memoryLimit, cpuLimit, pidsLimit,
				gracePeriod, sandboxUid, partition, bwrap, nvidiaSmi, maxFileSize, softwarePaths, maxWorkDirSize);
	}

	public LocalSandboxProperties withSoftwarePaths(List<Path> paths) {
		return new LocalSandboxProperties(directory, virtualGpus, allowUnsandboxed, memoryLimit, cpuLimit, pidsLimit,
				gracePeriod, sandboxUid, partition, bwrap, nvidiaSmi, maxFileSize, paths, maxWorkDirSize);
	}

}
