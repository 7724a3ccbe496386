package kr.aifellows.portal.review.calibration;

/**
 * One submitted review's weighted score of an application.
 *
 * @param application the application's id
 * @param reviewer the reviewer's id
 * @param score the rubric-weighted score, normalised to 0..100
 * @param confidence the reviewer's confidence, 1 (low) .. 5 (high)
 */
public record ReviewScore(long application, long reviewer, double score, int confidence) {
}
