package kr.aifellows.portal.portfolios;

import java.util.List;

/**
 * Finds the applicant in a publication's author list for the blind view. The review
 * module provides the implementation (the same name matching as its conflict checks);
 * without one, a written name must equal one of the applicant's names after
 * {@link AuthorNames#stripMarks}.
 */
@FunctionalInterface
public interface ApplicantNameMatcher {

	/**
	 * @return the applicant's 1-based position in {@code authors}, or 0 when not found
	 */
	int applicantPosition(Profile applicant, List<String> authors);

}
