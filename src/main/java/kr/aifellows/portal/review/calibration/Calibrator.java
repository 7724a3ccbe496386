package kr.aifellows.portal.review.calibration;

import java.util.Collection;

/**
 * Fits score = application quality + reviewer offset + noise (regularised least squares) and
 * reports calibrated scores with uncertainty.
 */
public class Calibrator {

	public Calibration fit(Collection<ReviewScore> scores) {
		throw new UnsupportedOperationException("implemented on branch review-solvers");
	}

}
