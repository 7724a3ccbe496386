package kr.aifellows.portal.review.pool;

import java.util.List;
import java.util.Set;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.Identifiers;
import kr.aifellows.portal.shared.ResearchArea;

/**
 * What a reviewer says about themselves: names, ORCID iD, expertise areas, affiliations
 * with years, and declared ties (advisors, advisees, conflicted people and institutions).
 */
public record ReviewerProfile(String name, String nameRomanized, String orcid, Set<ResearchArea> areas,
		List<Affiliation> affiliations, List<ReviewerRelation> relations) {

	public ReviewerProfile {
		String canonicalOrcid = Identifiers.normalizeOrcid(orcid);
		orcid = canonicalOrcid != null ? canonicalOrcid : (orcid == null || orcid.isBlank() ? null : orcid.strip());
		areas = areas == null ? Set.of() : Set.copyOf(areas);
		affiliations = affiliations == null ? List.of() : List.copyOf(affiliations);
		relations = relations == null ? List.of() : List.copyOf(relations);
	}
}
