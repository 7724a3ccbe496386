package kr.aifellows.portal.review.assignment;

import java.util.EnumSet;

import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.stereotype.Component;

/**
 * Expertise overlap: the share of the application's research areas the reviewer covers
 * (Jaccard overlap would punish broad reviewers).
 */
@Component
class AreaOverlapSimilarity implements ExpertiseSimilarity {

	@Override
	public double similarity(Candidate reviewer, Candidate application) {
		if (application.areas().isEmpty() || reviewer.areas().isEmpty()) {
			return 0;
		}
		EnumSet<ResearchArea> shared = EnumSet.copyOf(application.areas());
		shared.retainAll(reviewer.areas());
		return (double) shared.size() / application.areas().size();
	}

}
