package kr.aifellows.portal.gpu;

import java.time.Instant;

/**
 * What a finished job used, from the launcher's own records.
 *
 * @param state the final state
 * @param startedAt when it started (or null if it never ran)
 * @param endedAt when it ended
 * @param exitCode its exit code, or null
 * @param elapsedSeconds wall time it ran
 * @param gpuSeconds GPUs allocated × elapsed seconds
 * @param cpuSeconds CPU time used, or -1 when unknown
 * @param peakMemoryBytes peak memory, or -1 when unknown
 */
public record JobAccounting(JobState state, Instant startedAt, Instant endedAt, Integer exitCode, long elapsedSeconds,
		long gpuSeconds, long cpuSeconds, long peakMemoryBytes) {
}
