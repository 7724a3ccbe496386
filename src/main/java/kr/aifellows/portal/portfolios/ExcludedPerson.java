package kr.aifellows.portal.portfolios;

import jakarta.persistence.Embeddable;

/**
 * Someone the applicant asks not to review the application (up to {@link #MAX} per
 * application, as ERC allows), with an optional e-mail address and the reason;
 * {@code advisor} marks the applicant's own advisor or advisee (the applicant's side of
 * that conflict source). Never shown to reviewers.
 */
@Embeddable
public record ExcludedPerson(String name, String email, String reason, boolean advisor) {

	public static final int MAX = 3;

	public ExcludedPerson(String name, String email, String reason) {
		this(name, email, reason, false);
	}
}
