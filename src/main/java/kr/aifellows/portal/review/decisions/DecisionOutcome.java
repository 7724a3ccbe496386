package kr.aifellows.portal.review.decisions;

/**
 * The committee's decision on an application.
 */
public enum DecisionOutcome {

	SELECTED, WAITLISTED, REJECTED

}
