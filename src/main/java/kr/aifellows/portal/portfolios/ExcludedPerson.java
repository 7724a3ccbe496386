package kr.aifellows.portal.portfolios;

import jakarta.persistence.Embeddable;

/**
 * Someone the applicant asks not to review the application (up to {@link #MAX} per application,
 * as ERC allows), with an optional e-mail address and the reason. Never shown to reviewers.
 */
@Embeddable
public record ExcludedPerson(String name, String email, String reason) {

	public static final int MAX = 3;
}
