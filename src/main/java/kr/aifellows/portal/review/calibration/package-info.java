/**
 * Calibrated scores: application quality and reviewer leniency fitted to the submitted
 * scores.
 */
package kr.aifellows.portal.review.calibration;
