package kr.aifellows.portal.portfolios;

import java.time.Instant;

/**
 * An applicant withdrew an application; it leaves the competition (and the search index).
 */
public record ApplicationWithdrawn(long applicationId, long callId, long applicantAccountId, Instant withdrawnAt) {
}
