package kr.aifellows.portal.review.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibratorTests {

	private final Calibrator calibrator = new Calibrator();

	@Test
	void recoversKnownReviewerOffsets() {
		Panel panel = Panel.random(new Random(11), 600, 40, 4, 8, 2);

		Calibration calibration = calibrator.fit(panel.reviews());

		// The model identifies leniency relative to the average review, so compare after
		// centring the truth the same way.
		double centre = panel.reviews()
			.stream()
			.mapToDouble(r -> panel.bias()[(int) r.reviewer()])
			.average()
			.orElseThrow();
		for (int j = 0; j < 40; j++) {
			assertThat(calibration.reviewerOffsets().get((long) j)).as("offset of reviewer %d", j)
				.isCloseTo(panel.bias()[j] - centre, within(1.5));
		}
	}

	@Test
	void lenientReviewerNoLongerLiftsTheirApplications() {
		// 200 applications of equal quality; reviewer 99 scores 16 points above everyone
		// and reviews the first 50.
		Random random = new Random(5);
		List<ReviewScore> reviews = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			int[] panel = random.ints(0, 20).distinct().limit(4).toArray();
			if (i < 50) {
				panel[0] = 99;
			}
			for (int j : panel) {
				double lift = j == 99 ? 16 : 0;
				reviews.add(new ReviewScore(i, j, 60 + lift + random.nextGaussian(), 3));
			}
		}

		Calibration calibration = calibrator.fit(reviews);

		double rawLifted = mean(calibration, 0, 50, true);
		double rawOthers = mean(calibration, 50, 200, true);
		double calibratedLifted = mean(calibration, 0, 50, false);
		double calibratedOthers = mean(calibration, 50, 200, false);
		assertThat(rawLifted - rawOthers).isGreaterThan(3.5);
		assertThat(calibratedLifted - calibratedOthers).isCloseTo(0, within(0.5));
		assertThat(calibration.reviewerOffsets().get(99L)).isCloseTo(16, within(1.5));
	}

	@Test
	void calibratedRankingIsCloserToTheTruthThanRaw() {
		Panel panel = Panel.random(new Random(3), 1500, 150, 4, 8, 6);

		Calibration calibration = calibrator.fit(panel.reviews());

		int n = panel.quality().length;
		double[] raw = new double[n];
		double[] calibrated = new double[n];
		for (int i = 0; i < n; i++) {
			raw[i] = calibration.applications().get((long) i).raw();
			calibrated[i] = calibration.applications().get((long) i).calibrated();
		}
		double rawTau = kendall(raw, panel.quality());
		double calibratedTau = kendall(calibrated, panel.quality());
		assertThat(calibratedTau).isGreaterThan(rawTau + 0.08);
	}

	@Test
	void reportsRawMeanDisagreementIntervalAndPercentile() {
		List<ReviewScore> reviews = List.of(new ReviewScore(1, 10, 60, 3), new ReviewScore(1, 11, 70, 3),
				new ReviewScore(1, 12, 80, 3), new ReviewScore(2, 10, 40, 3), new ReviewScore(2, 11, 50, 3),
				new ReviewScore(3, 11, 90, 3), new ReviewScore(3, 12, 85, 3));

		Calibration calibration = calibrator.fit(reviews);

		CalibratedScore first = calibration.applications().get(1L);
		assertThat(first.reviews()).isEqualTo(3);
		assertThat(first.raw()).isCloseTo(70, within(1e-9));
		assertThat(first.disagreement()).isCloseTo(10, within(1e-9));
		assertThat(first.lower()).isLessThanOrEqualTo(first.calibrated());
		assertThat(first.upper()).isGreaterThanOrEqualTo(first.calibrated());
		assertThat(calibration.applications().get(2L).percentile()).isEqualTo(0);
		assertThat(calibration.applications().get(1L).percentile()).isCloseTo(100.0 / 3, within(1e-9));
		assertThat(calibration.applications().get(3L).percentile()).isCloseTo(200.0 / 3, within(1e-9));
		assertThat(calibration.reviewerOffsets()).containsOnlyKeys(10L, 11L, 12L);
	}

	@Test
	void moreReviewsGiveANarrowerInterval() {
		Panel panel = Panel.random(new Random(2), 300, 40, 3, 5, 5);
		List<ReviewScore> reviews = new ArrayList<>(panel.reviews());
		for (int j = 0; j < 8; j++) {
			reviews.add(new ReviewScore(0, j + 100, panel.quality()[0] + new Random(j).nextGaussian() * 5, 3));
		}

		Calibration calibration = calibrator.fit(reviews);

		CalibratedScore wellReviewed = calibration.applications().get(0L);
		CalibratedScore usual = calibration.applications().get(1L);
		assertThat(wellReviewed.reviews()).isEqualTo(11);
		assertThat(wellReviewed.upper() - wellReviewed.lower()).isLessThan(usual.upper() - usual.lower());
	}

	@Test
	void intervalsCoverTheTrueQualityAboutNineTimesInTen() {
		Panel panel = Panel.random(new Random(8), 2000, 200, 4, 8, 6);

		Calibration calibration = calibrator.fit(panel.reviews());

		long covered = calibration.applications()
			.values()
			.stream()
			.filter(s -> s.lower() <= panel.quality()[(int) s.application()]
					&& panel.quality()[(int) s.application()] <= s.upper())
			.count();
		assertThat(covered / 2000.0).isBetween(0.84, 0.96);
	}

	@Test
	void withoutOverlappingReviewersNothingIsCorrected() {
		// Each application has a single review: leniency cannot be told apart from
		// quality.
		List<ReviewScore> reviews = List.of(new ReviewScore(1, 1, 90, 3), new ReviewScore(2, 2, 40, 5),
				new ReviewScore(3, 2, 55, 1));

		Calibration calibration = calibrator.fit(reviews);

		for (CalibratedScore score : calibration.applications().values()) {
			assertThat(score.calibrated()).isCloseTo(score.raw(), within(1e-9));
			assertThat(score.disagreement()).isZero();
		}
	}

	@Test
	void emptyInputGivesAnEmptyCalibration() {
		Calibration calibration = calibrator.fit(List.of());

		assertThat(calibration.applications()).isEmpty();
		assertThat(calibration.reviewerOffsets()).isEmpty();
	}

	@Test
	void nonFiniteScoreIsRejected() {
		assertThatThrownBy(() -> calibrator.fit(List.of(new ReviewScore(1, 1, Double.NaN, 3))))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static double mean(Calibration calibration, int from, int to, boolean raw) {
		double sum = 0;
		for (int i = from; i < to; i++) {
			CalibratedScore score = calibration.applications().get((long) i);
			sum += raw ? score.raw() : score.calibrated();
		}
		return sum / (to - from);
	}

	static double kendall(double[] a, double[] b) {
		long concordant = 0;
		long discordant = 0;
		for (int i = 0; i < a.length; i++) {
			for (int j = i + 1; j < a.length; j++) {
				double product = Math.signum(a[i] - a[j]) * Math.signum(b[i] - b[j]);
				if (product > 0) {
					concordant++;
				}
				else if (product < 0) {
					discordant++;
				}
			}
		}
		return (double) (concordant - discordant) / (concordant + discordant);
	}

	/** Applications of known quality reviewed by reviewers of known leniency. */
	record Panel(List<ReviewScore> reviews, double[] quality, double[] bias) {

		static Panel random(Random random, int n, int r, int k, double biasSd, double noiseSd) {
			double[] quality = new double[n];
			double[] bias = new double[r];
			for (int i = 0; i < n; i++) {
				quality[i] = 60 + 10 * random.nextGaussian();
			}
			for (int j = 0; j < r; j++) {
				bias[j] = biasSd * random.nextGaussian();
			}
			List<ReviewScore> reviews = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				for (int j : random.ints(0, r).distinct().limit(k).toArray()) {
					reviews.add(new ReviewScore(i, j, quality[i] + bias[j] + noiseSd * random.nextGaussian(), 3));
				}
			}
			return new Panel(reviews, quality, bias);
		}

	}

}
