package kr.aifellows.portal.review.conflicts;

/**
 * Where a conflict of interest comes from.
 */
public enum ConflictSource {

	/** The reviewer declared a person or an institution. */
	DECLARED,
	/** The applicant asked not to be reviewed by this person. */
	NAMED_BY_APPLICANT,
	/** Same institution now or within the configured years. */
	AFFILIATION,
	/** A shared paper within the configured years. */
	COAUTHOR,
	/** Advisor or advisee. */
	ADVISOR,
	/** The reviewer is the applicant. */
	SELF

}
