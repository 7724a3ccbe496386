package kr.aifellows.portal.review.calibration;

import java.util.Map;

/**
 * The fitted model of a call's reviews.
 *
 * @param applications calibrated scores by application id
 * @param reviewerOffsets each reviewer's leniency (positive: scores higher than the
 * panel), by reviewer id
 */
public record Calibration(Map<Long, CalibratedScore> applications, Map<Long, Double> reviewerOffsets) {
}
