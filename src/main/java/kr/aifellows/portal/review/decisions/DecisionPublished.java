package kr.aifellows.portal.review.decisions;

/**
 * A decision on an application was published to its applicant.
 */
public record DecisionPublished(long applicationId, long callId, long applicantAccountId, DecisionOutcome outcome) {
}
