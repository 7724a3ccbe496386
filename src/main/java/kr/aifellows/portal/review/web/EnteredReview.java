package kr.aifellows.portal.review.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.portfolios.calls.Criterion;

/**
 * What the reviewer typed into a refused review form, exactly as typed, so the page shows
 * it again (it travels as a flash attribute, hence serializable) with an error beside
 * each field at fault.
 */
record EnteredReview(List<String> scores, String confidence, String commentsToApplicant,
		String confidentialComments) implements Serializable {

	EnteredReview {
		scores = scores == null ? List.of() : new ArrayList<>(scores);
	}

	/** Field id (as in the template) to the message: code and its arguments. */
	Map<String, FieldProblem> problems(List<Criterion> criteria) {
		Map<String, FieldProblem> problems = new LinkedHashMap<>();
		for (int i = 0; i < criteria.size() && i < scores.size(); i++) {
			Criterion criterion = criteria.get(i);
			Integer score = number(scores.get(i));
			if (score == null && !blank(scores.get(i))) {
				problems.put("score-" + i, new FieldProblem("review.notANumber", new Object[0]));
			}
			else if (score != null && (score < criterion.scaleMin() || score > criterion.scaleMax())) {
				problems.put("score-" + i, new FieldProblem("review.field.scoreOutOfScale",
						new Object[] { criterion.scaleMin(), criterion.scaleMax() }));
			}
		}
		Integer confidenceValue = number(confidence);
		if ((confidenceValue == null && !blank(confidence))
				|| (confidenceValue != null && (confidenceValue < 1 || confidenceValue > 5))) {
			problems.put("confidence", new FieldProblem("review.confidenceOutOfScale", new Object[0]));
		}
		return problems;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static Integer number(String value) {
		try {
			return blank(value) ? null : Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	record FieldProblem(String code, Object[] arguments) {
	}
}
