package kr.aifellows.portal.portfolios.calls;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Everything a chair sets on a call.
 */
public record CallDefinition(String titleKo, String titleEn, String descriptionKo, String descriptionEn,
		Instant opensAt, Instant closesAt, int slots, long gpuHourEnvelope, int reviewsPerApplication,
		boolean blindReview, List<Criterion> criteria) {

	public CallDefinition {
		criteria = List.copyOf(criteria);
		// PostgreSQL keeps microseconds: store exactly what will be read back.
		opensAt = opensAt == null ? null : opensAt.truncatedTo(ChronoUnit.MICROS);
		closesAt = closesAt == null ? null : closesAt.truncatedTo(ChronoUnit.MICROS);
	}
}
