package kr.aifellows.portal.review;

import java.util.Set;

import kr.aifellows.portal.shared.ResearchArea;

/**
 * How well a reviewer's expertise fits an application, 0 (nothing in common) to 1. The default
 * bean compares research areas; a text similarity (the search module's) can replace it by
 * declaring another bean of this type as {@code @Primary}.
 */
public interface ExpertiseSimilarity {

	double similarity(Candidate reviewer, Candidate application);

	/**
	 * One side of the comparison: its id, research areas and free text (publication titles for a
	 * reviewer; proposal title and abstract for an application).
	 */
	record Candidate(long id, Set<ResearchArea> areas, String text) {
	}
}
