package kr.aifellows.portal.review.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a reviewer enters: a score per criterion (null where not yet given, allowed in a
 * draft), confidence 1..5, comments to the applicant and confidential comments to the
 * committee.
 */
public record ReviewForm(List<Integer> scores, Integer confidence, String commentsToApplicant,
		String confidentialComments) {

	public static final int COMMENT_MAX = 10_000;

	public ReviewForm {
		scores = scores == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(scores));
	}
}
