package kr.aifellows.portal.portfolios;

import java.time.Instant;

/**
 * A draft application changed (a section saved or a file uploaded).
 */
public record ApplicationUpdated(long applicationId, long callId, long applicantAccountId, String section,
		Instant updatedAt) {
}
