package kr.aifellows.portal.portfolios;

/**
 * Where an application stands. Only a draft can change.
 */
public enum ApplicationStatus {

	DRAFT, SUBMITTED, WITHDRAWN, UNDER_REVIEW, SELECTED, WAITLISTED, REJECTED

}
