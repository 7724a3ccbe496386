package kr.aifellows.portal.gpu;

import java.time.Instant;

/**
 * A fellow's job as the portal records it.
 *
 * @param holdSeconds GPU-seconds held at admission (GPUs × time limit)
 * @param chargedSeconds GPU-seconds charged at the end, or null until settled
 * @param overrunSeconds GPU-seconds used beyond the hold, or null
 * @param unbilledSeconds overrun that could not be charged because the balance was
 * exhausted, or null
 * @param settled whether its charge and release are in the ledger
 */
public record GpuJob(long id, long accountId, String name, String script, int nodes, int gpusPerNode, int gpus,
		String partition, long timeLimitSeconds, long holdSeconds, String launcher, String externalId, JobState state,
		String reason, String placement, Instant submittedAt, Instant startedAt, Instant endedAt, Integer exitCode,
		Long elapsedSeconds, Long chargedSeconds, Long overrunSeconds, Long unbilledSeconds, Long cpuSeconds,
		Long peakMemoryBytes, boolean settled) {

	public boolean isLive() {
		return !settled;
	}

	public boolean hasOverrun() {
		return overrunSeconds != null && overrunSeconds > 0;
	}

}
