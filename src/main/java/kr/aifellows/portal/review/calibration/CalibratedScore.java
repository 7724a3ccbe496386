package kr.aifellows.portal.review.calibration;

/**
 * An application's raw and calibrated score.
 *
 * @param application the application's id
 * @param reviews number of reviews
 * @param raw mean of the reviews' weighted scores (0..100)
 * @param calibrated estimated quality with the reviewers' leniency removed (same scale)
 * @param lower lower end of the 90% interval of the calibrated score
 * @param upper upper end of that interval
 * @param percentile share of the call's applications with a lower calibrated score
 * (0..100)
 * @param disagreement standard deviation of the reviews' scores
 */
public record CalibratedScore(long application, int reviews, double raw, double calibrated, double lower, double upper,
		double percentile, double disagreement) {
}
