package kr.aifellows.portal.portfolios;

import java.time.Instant;

/**
 * A submitted application moved on: into review, or to its decision.
 */
public record ApplicationStatusChanged(long applicationId, long callId, ApplicationStatus status, Instant changedAt) {
}
