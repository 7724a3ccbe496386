package kr.aifellows.portal.review.calibration;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits score = application quality + reviewer offset + noise (regularised least squares)
 * and reports calibrated scores with uncertainty.
 * <p>
 * The model is {@code s_ij = q_i + b_j + e_ij} with {@code e_ij ~ N(0, sigma^2 / w_ij)}
 * and a ridge penalty {@code lambda * sum b_j^2} on the reviewer offsets (a zero-mean
 * normal prior on leniency, so a reviewer with few reviews is trusted to be average). The
 * weight {@code w_ij} grows with the reviewer's confidence (1 → 0.5, 3 → 1, 5 → 1.5)
 * unless switched off. The qualities are eliminated in closed form and the offsets solved
 * by preconditioned conjugate gradient on the remaining reviewers × reviewers system,
 * which only needs products with the sparse review matrix (linear time in the number of
 * reviews). By default {@code lambda} is estimated from the data as
 * {@code sigma^2 / tau^2} (noise variance over the spread of the offsets) by a few
 * empirical-Bayes rounds. Offsets are finally centred so that the average review has
 * offset zero, which keeps calibrated scores on the raw scale.
 * <p>
 * The interval is {@code q_i ± 1.645 se_i}, where {@code se_i^2} adds the noise of the
 * application's own reviews ({@code sigma^2 / sum_j w_ij}) and the uncertainty of its
 * reviewers' offsets; it is an approximate 90% interval.
 */
public class Calibrator {

	private static final double Z_90 = 1.6448536269514722;

	private static final int EMPIRICAL_BAYES_ROUNDS = 8;

	private final Options options;

	public Calibrator() {
		this(Options.defaults());
	}

	public Calibrator(Options options) {
		this.options = options;
	}

	/**
	 * How the model is fitted.
	 *
	 * @param ridge penalty on the reviewer offsets in units of one full-confidence
	 * review; a value of 0 or less means "estimate it from the data"
	 * @param confidenceWeights whether a review weighs more the more confident its
	 * reviewer is
	 */
	public record Options(double ridge, boolean confidenceWeights) {

		public static Options defaults() {
			return new Options(0, true);
		}

		public static Options fixedRidge(double ridge) {
			if (!(ridge > 0)) {
				throw new IllegalArgumentException("ridge must be positive");
			}
			return new Options(ridge, true);
		}

		public Options withConfidenceWeights(boolean weigh) {
			return new Options(ridge, weigh);
		}

	}

	public Calibration fit(Collection<ReviewScore> scores) {
		if (scores.isEmpty()) {
			return new Calibration(Map.of(), Map.of());
		}
		return new Fit(scores).run();
	}

	private final class Fit {

		private final int reviews;

		private final int[] application;

		private final int[] reviewer;

		private final double[] score;

		private final double[] weight;

		private final long[] applicationIds;

		private final long[] reviewerIds;

		private final int apps;

		private final int raters;

		private final double[] appWeight;

		private final double[] raterWeight;

		private final double[] appMean;

		// Per reviewer, the sum of w^2 / appWeight: what eliminating the qualities
		// subtracts from the diagonal.
		private final double[] raterCorrection;

		Fit(Collection<ReviewScore> scores) {
			reviews = scores.size();
			application = new int[reviews];
			reviewer = new int[reviews];
			score = new double[reviews];
			weight = new double[reviews];
			long[] appOf = new long[reviews];
			long[] raterOf = new long[reviews];
			int x = 0;
			for (ReviewScore review : scores) {
				if (!Double.isFinite(review.score())) {
					throw new IllegalArgumentException("score of application " + review.application() + " by reviewer "
							+ review.reviewer() + " is not finite");
				}
				appOf[x] = review.application();
				raterOf[x] = review.reviewer();
				score[x] = review.score();
				int confidence = Math.max(1, Math.min(5, review.confidence()));
				weight[x] = options.confidenceWeights() ? (1 + confidence) / 4.0 : 1;
				x++;
			}
			// Sorted distinct ids double as the index and as the output order, without
			// boxing.
			applicationIds = distinctSorted(appOf);
			reviewerIds = distinctSorted(raterOf);
			apps = applicationIds.length;
			raters = reviewerIds.length;
			for (int o = 0; o < reviews; o++) {
				application[o] = Arrays.binarySearch(applicationIds, appOf[o]);
				reviewer[o] = Arrays.binarySearch(reviewerIds, raterOf[o]);
			}
			appWeight = new double[apps];
			raterWeight = new double[raters];
			appMean = new double[apps];
			for (int o = 0; o < reviews; o++) {
				appWeight[application[o]] += weight[o];
				raterWeight[reviewer[o]] += weight[o];
				appMean[application[o]] += weight[o] * score[o];
			}
			for (int i = 0; i < apps; i++) {
				appMean[i] /= appWeight[i];
			}
			raterCorrection = new double[raters];
			for (int o = 0; o < reviews; o++) {
				raterCorrection[reviewer[o]] += weight[o] * weight[o] / appWeight[application[o]];
			}
		}

		Calibration run() {
			double lambda = options.ridge() > 0 ? options.ridge() : 1;
			double[] offsets = new double[raters];
			double noise = 0;
			int rounds = options.ridge() > 0 ? 1 : EMPIRICAL_BAYES_ROUNDS;
			for (int round = 0; round < rounds; round++) {
				offsets = solveOffsets(lambda, offsets);
				noise = noiseVariance(offsets, lambda);
				if (options.ridge() > 0) {
					break;
				}
				double spread = 0;
				for (int j = 0; j < raters; j++) {
					spread += offsets[j] * offsets[j] + noise / (raterWeight[j] + lambda - raterCorrection[j]);
				}
				spread /= raters;
				// Bounds keep the fit sane when the data cannot tell (one reviewer, one
				// review per application).
				double next = Math.max(0.05, Math.min(1000, noise / Math.max(spread, 1e-12)));
				boolean settled = Math.abs(next - lambda) < 0.01 * lambda;
				lambda = next;
				if (settled) {
					offsets = solveOffsets(lambda, offsets);
					noise = noiseVariance(offsets, lambda);
					break;
				}
			}
			double[] quality = qualities(offsets);
			// Centre the offsets on the average review so that calibrated scores stay on
			// the raw scale;
			// the fitted values q_i + b_j do not change.
			double shift = 0;
			for (int o = 0; o < reviews; o++) {
				shift += offsets[reviewer[o]];
			}
			shift /= reviews;
			for (int j = 0; j < raters; j++) {
				offsets[j] -= shift;
			}
			for (int i = 0; i < apps; i++) {
				quality[i] += shift;
			}
			return result(quality, offsets, noise, lambda);
		}

		// Jacobi-preconditioned CG on (D_b + lambda - W D_q^-1 W^T) b = W^T (s -
		// appMean): the normal
		// equations with the qualities eliminated, a reviewers x reviewers system that is
		// positive
		// definite thanks to the ridge and needs only products with the sparse review
		// matrix.
		private double[] solveOffsets(double lambda, double[] start) {
			double[] rhs = new double[raters];
			for (int o = 0; o < reviews; o++) {
				rhs[reviewer[o]] += weight[o] * (score[o] - appMean[application[o]]);
			}
			double[] diagonal = new double[raters];
			for (int j = 0; j < raters; j++) {
				diagonal[j] = raterWeight[j] + lambda - raterCorrection[j];
			}
			double[] b = start.clone();
			double[] residual = new double[raters];
			multiply(b, lambda, residual, new double[apps]);
			for (int j = 0; j < raters; j++) {
				residual[j] = rhs[j] - residual[j];
			}
			double[] z = new double[raters];
			for (int j = 0; j < raters; j++) {
				z[j] = residual[j] / diagonal[j];
			}
			double[] direction = z.clone();
			double[] product = new double[raters];
			double[] scratch = new double[apps];
			double rz = dot(residual, z);
			double target = 1e-20 * Math.max(dot(rhs, rhs), 1e-300);
			for (int iteration = 0; iteration < 10 * raters + 100 && dot(residual, residual) > target; iteration++) {
				multiply(direction, lambda, product, scratch);
				double step = rz / dot(direction, product);
				for (int j = 0; j < raters; j++) {
					b[j] += step * direction[j];
					residual[j] -= step * product[j];
					z[j] = residual[j] / diagonal[j];
				}
				double next = dot(residual, z);
				double beta = next / rz;
				rz = next;
				for (int j = 0; j < raters; j++) {
					direction[j] = z[j] + beta * direction[j];
				}
			}
			return b;
		}

		private void multiply(double[] b, double lambda, double[] out, double[] perApp) {
			Arrays.fill(perApp, 0);
			for (int o = 0; o < reviews; o++) {
				perApp[application[o]] += weight[o] * b[reviewer[o]];
			}
			for (int i = 0; i < apps; i++) {
				perApp[i] /= appWeight[i];
			}
			for (int j = 0; j < raters; j++) {
				out[j] = (raterWeight[j] + lambda) * b[j];
			}
			for (int o = 0; o < reviews; o++) {
				out[reviewer[o]] -= weight[o] * perApp[application[o]];
			}
		}

		private double[] qualities(double[] offsets) {
			double[] quality = appMean.clone();
			for (int o = 0; o < reviews; o++) {
				quality[application[o]] -= weight[o] * offsets[reviewer[o]] / appWeight[application[o]];
			}
			return quality;
		}

		// Degrees of freedom net of the effective number of parameters, so that small
		// panels do not look less noisy than they are.
		private double noiseVariance(double[] offsets, double lambda) {
			double[] quality = qualities(offsets);
			double squares = 0;
			for (int o = 0; o < reviews; o++) {
				double e = score[o] - quality[application[o]] - offsets[reviewer[o]];
				squares += weight[o] * e * e;
			}
			double parameters = apps;
			for (int j = 0; j < raters; j++) {
				double information = Math.max(0, raterWeight[j] - raterCorrection[j]);
				parameters += information / (information + lambda);
			}
			double freedom = reviews - parameters;
			if (freedom < 1) {
				// Not enough repeated reviews to see the noise: fall back to the spread
				// of all scores.
				double mean = Arrays.stream(score).average().orElse(0);
				return Arrays.stream(score).map(s -> (s - mean) * (s - mean)).sum() / Math.max(1, reviews - 1);
			}
			return squares / freedom;
		}

		private Calibration result(double[] quality, double[] offsets, double noise, double lambda) {
			int[] count = new int[apps];
			double[] sum = new double[apps];
			double[] sumSquares = new double[apps];
			double[] offsetVariance = new double[apps];
			for (int o = 0; o < reviews; o++) {
				int i = application[o];
				count[i]++;
				sum[i] += score[o];
				double share = weight[o] / appWeight[i];
				double offsetSpread = noise / (raterWeight[reviewer[o]] + lambda - raterCorrection[reviewer[o]]);
				offsetVariance[i] += share * share * offsetSpread;
			}
			double[] raw = new double[apps];
			for (int i = 0; i < apps; i++) {
				raw[i] = sum[i] / count[i];
			}
			for (int o = 0; o < reviews; o++) {
				double d = score[o] - raw[application[o]];
				sumSquares[application[o]] += d * d;
			}
			double[] sorted = quality.clone();
			Arrays.sort(sorted);
			Map<Long, CalibratedScore> byApplication = new LinkedHashMap<>(2 * apps);
			for (int i = 0; i < apps; i++) {
				double se = Math.sqrt(noise / appWeight[i] + offsetVariance[i]);
				double lower = lowerBound(sorted, quality[i]);
				double percentile = 100.0 * lower / apps;
				double disagreement = count[i] > 1 ? Math.sqrt(sumSquares[i] / (count[i] - 1)) : 0;
				byApplication.put(applicationIds[i],
						new CalibratedScore(applicationIds[i], count[i], raw[i], clamp(quality[i]),
								clamp(quality[i] - Z_90 * se), clamp(quality[i] + Z_90 * se), percentile,
								disagreement));
			}
			Map<Long, Double> byReviewer = new LinkedHashMap<>(2 * raters);
			for (int j = 0; j < raters; j++) {
				byReviewer.put(reviewerIds[j], offsets[j]);
			}
			return new Calibration(byApplication, byReviewer);
		}

		private static long[] distinctSorted(long[] ids) {
			long[] sorted = ids.clone();
			Arrays.sort(sorted);
			int distinct = 0;
			for (int x = 0; x < sorted.length; x++) {
				if (x == 0 || sorted[x] != sorted[x - 1]) {
					sorted[distinct++] = sorted[x];
				}
			}
			return Arrays.copyOf(sorted, distinct);
		}

		private static int lowerBound(double[] sorted, double value) {
			int lo = 0;
			int hi = sorted.length;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (sorted[mid] < value) {
					lo = mid + 1;
				}
				else {
					hi = mid;
				}
			}
			return lo;
		}

		private static double clamp(double value) {
			return Math.max(0, Math.min(100, value));
		}

		private static double dot(double[] a, double[] b) {
			double sum = 0;
			for (int x = 0; x < a.length; x++) {
				sum += a[x] * b[x];
			}
			return sum;
		}

	}

}
