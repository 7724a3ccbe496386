package kr.aifellows.portal.review.conflicts;

/**
 * How sure a conflict is: HIGH for exact matches, MEDIUM for matches by initials only.
 * Both keep the pair apart until the chair waives it.
 */
public enum ConflictSeverity {

	HIGH, MEDIUM

}
