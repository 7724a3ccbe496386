package kr.aifellows.portal.portfolios;

import java.time.Instant;

/**
 * An application was submitted and is now locked.
 */
public record ApplicationSubmitted(long applicationId, long callId, long applicantAccountId, String receiptNumber,
		Instant submittedAt) {
}
