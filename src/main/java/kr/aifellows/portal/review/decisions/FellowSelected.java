package kr.aifellows.portal.review.decisions;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A selected applicant became a fellow when the chair published the decisions: the
 * GPU-hour grant and the period it runs (Asia/Seoul dates, inclusive).
 */
public record FellowSelected(long accountId, long applicationId, long callId, long gpuHours, LocalDate periodStart,
		LocalDate periodEnd, Instant decidedAt) {
}
