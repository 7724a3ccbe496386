package kr.aifellows.portal.portfolios;

/**
 * An application's personal data was destroyed at the end of its retention period; every
 * module removes what it holds about it (reviews, search entries).
 */
public record ApplicationDestroyed(long applicationId, long callId) {
}
