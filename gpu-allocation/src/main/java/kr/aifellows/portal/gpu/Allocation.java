package kr.aifellows.portal.gpu;

import java.time.Instant;

/**
 * A GPU-hour grant to a fellow for a period.
 *
 * @param source where it came from (e.g. DECISION, TOP_UP, ADMIN)
 * @param reference the source's own id, unique per source
 * @param usedSeconds GPU-seconds charged against it so far
 */
public record Allocation(long id, long accountId, long gpuSeconds, Instant validFrom, Instant validUntil, String source,
		String reference, long usedSeconds, boolean expired, Instant createdAt) {

	public boolean isActiveAt(Instant instant) {
		return !expired && !instant.isBefore(validFrom) && instant.isBefore(validUntil);
	}

}
