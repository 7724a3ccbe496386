package kr.aifellows.portal.review.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import kr.aifellows.portal.review.decisions.Ranking;

/**
 * Chart data as JSON for data attributes; static/js/review-charts.js draws it with
 * Chart.js.
 */
final class Charts {

	private static final int BINS = 10;

	private Charts() {
	}

	/** Counts of raw and calibrated scores per tenth of the 0..100 scale. */
	static String distribution(List<Ranking.Row> rows) {
		int[] raw = new int[BINS];
		int[] calibrated = new int[BINS];
		for (Ranking.Row row : rows) {
			raw[bin(row.score().raw())]++;
			calibrated[bin(row.score().calibrated())]++;
		}
		List<String> labels = new ArrayList<>();
		for (int i = 0; i < BINS; i++) {
			labels.add("\"" + (i * 10) + "–" + (i * 10 + 10) + "\"");
		}
		return "{\"labels\":" + labels + ",\"raw\":" + Arrays.toString(raw) + ",\"calibrated\":"
				+ Arrays.toString(calibrated) + "}";
	}

	static String leniency(List<Ranking.ReviewerStat> stats) {
		List<String> labels = new ArrayList<>();
		List<String> values = new ArrayList<>();
		for (Ranking.ReviewerStat stat : stats) {
			labels.add(json(stat.name()));
			values.add(String.format(Locale.ROOT, "%.2f", stat.leniency()));
		}
		return "{\"labels\":" + labels + ",\"offsets\":" + values + "}";
	}

	private static int bin(double score) {
		return Math.max(0, Math.min(BINS - 1, (int) Math.floor(score / 10)));
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
