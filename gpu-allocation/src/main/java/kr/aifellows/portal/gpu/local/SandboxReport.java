package kr.aifellows.portal.gpu.local;

import java.util.List;

/**
 * What isolation the local launcher found on this host at start-up.
 *
 * @param sandboxed bubblewrap ran a probe job with the full profile (own mount, PID,
 * network, IPC and UTS namespaces, read-only system, unprivileged user)
 * @param bwrapVersion bubblewrap's version, or null when missing
 * @param jobUser how jobs' user is made unprivileged
 * @param cgroups which per-job cgroups are in force ("none" when none)
 * @param memoryLimit whether a per-job memory limit is in force
 * @param pidsLimit whether a per-job process limit is in force
 * @param cpuLimit whether a per-job CPU quota is in force
 * @param gpuSource "nvidia-smi" or "virtual"
 * @param gpus the GPUs jobs can get
 * @param problems what is missing, for administrators
 */
public record SandboxReport(boolean sandboxed, String bwrapVersion, String jobUser, String cgroups, boolean memoryLimit,
		boolean pidsLimit, boolean cpuLimit, String gpuSource, List<GpuDevice> gpus, List<String> problems) {
}
