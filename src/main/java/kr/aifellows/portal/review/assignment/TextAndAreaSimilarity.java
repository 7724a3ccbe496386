package kr.aifellows.portal.review.assignment;

import java.util.List;
import java.util.Map;

import kr.aifellows.portal.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Affinity as the mean of research-area overlap and the search index's "more like this"
 * score of the reviewer's publication titles against each application, scaled per
 * reviewer so that their closest application scores 1. Without an answer from the index
 * it is area overlap alone, so an index that is down never blocks an assignment.
 */
@Component
@Primary
class TextAndAreaSimilarity implements ExpertiseSimilarity {

	private static final Logger log = LoggerFactory.getLogger(TextAndAreaSimilarity.class);

	private final AreaOverlapSimilarity areas;

	private final SearchIndex search;

	TextAndAreaSimilarity(AreaOverlapSimilarity areas, SearchIndex search) {
		this.areas = areas;
		this.search = search;
	}

	@Override
	public double similarity(Candidate reviewer, Candidate application) {
		return affinities(List.of(application), List.of(reviewer))[0][0];
	}

	@Override
	public double[][] affinities(List<Candidate> applications, List<Candidate> reviewers) {
		double[][] affinity = new double[applications.size()][reviewers.size()];
		List<String> ids = applications.stream().map(application -> Long.toString(application.id())).toList();
		for (int j = 0; j < reviewers.size(); j++) {
			Candidate reviewer = reviewers.get(j);
			double[] text = textScores(reviewer, ids);
			for (int i = 0; i < applications.size(); i++) {
				double area = areas.similarity(reviewer, applications.get(i));
				affinity[i][j] = text == null ? area : (area + text[i]) / 2;
			}
		}
		return affinity;
	}

	/**
	 * Scores scaled to 0..1 for this reviewer, or null when there is no text or no
	 * answer.
	 */
	private double[] textScores(Candidate reviewer, List<String> applicationIds) {
		if (reviewer.text() == null || reviewer.text().isBlank() || applicationIds.isEmpty()) {
			return null;
		}
		Map<String, Double> scores;
		try {
			scores = search.similarity(reviewer.text(), applicationIds);
		}
		catch (RuntimeException ex) {
			log.warn("Text similarity unavailable ({}); assignment uses research areas only", ex.getMessage());
			return null;
		}
		double max = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double[] scaled = new double[applicationIds.size()];
		for (int i = 0; i < scaled.length; i++) {
			double score = scores.getOrDefault(applicationIds.get(i), 0.0);
			scaled[i] = max > 0 && Double.isFinite(score) ? Math.max(0, score / max) : 0;
		}
		return scaled;
	}

}
