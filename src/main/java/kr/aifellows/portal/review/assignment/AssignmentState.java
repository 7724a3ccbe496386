package kr.aifellows.portal.review.assignment;

/**
 * Where an assignment stands.
 */
public enum AssignmentState {

	/** In the reviewer's queue. */
	ACTIVE,
	/** The reviewer declined it with a reason; the chair reassigns. */
	DECLINED,
	/** A conflict appeared after it was made; it left the reviewer's queue. */
	CONFLICTED,
	/** The chair removed it. */
	REMOVED

}
