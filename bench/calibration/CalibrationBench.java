import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import kr.aifellows.portal.review.calibration.Calibration;
import kr.aifellows.portal.review.calibration.Calibrator;
import kr.aifellows.portal.review.calibration.ReviewScore;

/**
 * Calibration on synthetic panels with known truth. Usage: CalibrationBench [applications
 * reviewers reviewsPerApplication biasSd noiseSd seed] Quality ~ N(60, 10), reviewer
 * leniency ~ N(0, biasSd), review noise ~ N(0, noiseSd) scaled by confidence (1: x1.4 ..
 * 5: x0.6), scores clipped to 0..100, reviewers drawn at random per application. Prints
 * Kendall tau to the true quality for raw and calibrated rankings, the offset recovery,
 * interval coverage, and the fit time.
 */
public class CalibrationBench {

	public static void main(String[] args) {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int r = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
		int k = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		double biasSd = args.length > 3 ? Double.parseDouble(args[3]) : 8;
		double noiseSd = args.length > 4 ? Double.parseDouble(args[4]) : 6;
		long seed = args.length > 5 ? Long.parseLong(args[5]) : 7;
		System.out.printf(
				"panel: %,d applications x %d reviews, %,d reviewers, leniency sd %.1f, noise sd %.1f, seed %d%n", n, k,
				r, biasSd, noiseSd, seed);
		Random random = new Random(seed);
		double[] quality = new double[n];
		double[] bias = new double[r];
		for (int i = 0; i < n; i++) {
			quality[i] = 60 + 10 * random.nextGaussian();
		}
		for (int j = 0; j < r; j++) {
			bias[j] = biasSd * random.nextGaussian();
		}
		List<ReviewScore> reviews = new ArrayList<>(n * k);
		for (int i = 0; i < n; i++) {
			int[] panel = random.ints(0, r).distinct().limit(k).toArray();
			for (int j : panel) {
				int confidence = 1 + random.nextInt(5);
				double sd = noiseSd * (1.6 - 0.2 * confidence);
				double s = quality[i] + bias[j] + sd * random.nextGaussian();
				reviews.add(new ReviewScore(i, j, Math.max(0, Math.min(100, s)), confidence));
			}
		}
		Calibrator calibrator = new Calibrator();
		long t = System.nanoTime();
		Calibration calibration = calibrator.fit(reviews);
		double cold = (System.nanoTime() - t) / 1e6;
		double[] times = new double[15];
		for (int x = 0; x < times.length; x++) {
			t = System.nanoTime();
			calibration = calibrator.fit(reviews);
			times[x] = (System.nanoTime() - t) / 1e6;
		}
		Arrays.sort(times);
		double[] raw = new double[n];
		double[] calibrated = new double[n];
		int covered = 0;
		for (int i = 0; i < n; i++) {
			var s = calibration.applications().get((long) i);
			raw[i] = s.raw();
			calibrated[i] = s.calibrated();
			if (s.lower() <= quality[i] && quality[i] <= s.upper()) {
				covered++;
			}
		}
		double tauRaw = kendall(raw, quality);
		double tauCal = kendall(calibrated, quality);
		double[] offsets = new double[r];
		double[] seen = new double[r];
		int rated = 0;
		for (int j = 0; j < r; j++) {
			Double b = calibration.reviewerOffsets().get((long) j);
			if (b != null) {
				offsets[rated] = b;
				seen[rated++] = bias[j];
			}
		}
		System.out.printf("fit time: first call %.1f ms, then median %.1f ms (min %.1f, max %.1f) over %d calls%n",
				cold, times[times.length / 2], times[0], times[times.length - 1], times.length);
		System.out.printf("Kendall tau to true quality: raw %.4f, calibrated %.4f, gain %+.4f%n", tauRaw, tauCal,
				tauCal - tauRaw);
		System.out.printf(
				"RMSE to true quality: raw %.3f, calibrated %.3f; correlation of fitted and true leniency %.4f%n",
				rmse(raw, quality), rmse(calibrated, quality),
				correlation(Arrays.copyOf(offsets, rated), Arrays.copyOf(seen, rated)));
		System.out.printf("90%% interval covers the true quality for %.1f%% of applications%n", 100.0 * covered / n);
	}

	/** Kendall's tau-b, O(n^2) — exact and fast enough at 10,000. */
	static double kendall(double[] a, double[] b) {
		long concordant = 0;
		long discordant = 0;
		long tiesA = 0;
		long tiesB = 0;
		for (int i = 0; i < a.length; i++) {
			for (int j = i + 1; j < a.length; j++) {
				double x = Math.signum(a[i] - a[j]);
				double y = Math.signum(b[i] - b[j]);
				if (x == 0 && y == 0) {
					continue;
				}
				if (x == 0) {
					tiesA++;
				}
				else if (y == 0) {
					tiesB++;
				}
				else if (x == y) {
					concordant++;
				}
				else {
					discordant++;
				}
			}
		}
		double n0 = concordant + discordant;
		return (concordant - discordant) / Math.sqrt((n0 + tiesA) * (n0 + tiesB));
	}

	static double rmse(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += (a[i] - b[i]) * (a[i] - b[i]);
		}
		return Math.sqrt(s / a.length);
	}

	static double correlation(double[] a, double[] b) {
		double ma = Arrays.stream(a).average().orElse(0);
		double mb = Arrays.stream(b).average().orElse(0);
		double sab = 0, saa = 0, sbb = 0;
		for (int i = 0; i < a.length; i++) {
			sab += (a[i] - ma) * (b[i] - mb);
			saa += (a[i] - ma) * (a[i] - ma);
			sbb += (b[i] - mb) * (b[i] - mb);
		}
		return sab / Math.sqrt(saa * sbb);
	}

}
