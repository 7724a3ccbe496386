package kr.aifellows.portal.portfolios.blind;

/**
 * How much a blind call hides from its reviewers (README "Security"). Neither level shows
 * the applicant's names, e-mail, ORCID iD, affiliations, files other than the proposal,
 * repository owners, or any author's name: author lists become the number of authors and
 * the applicant's position.
 */
public enum BlindLevel {

	/** Names hidden; publication titles and repository names shown. */
	NAMES,

	/**
	 * Also hides publication titles, DOIs, arXiv ids and repository names, which can be
	 * searched; venue, year, author position, role and the applicant's own description of
	 * the work remain.
	 */
	STRICT

}
