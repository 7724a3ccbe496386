package kr.aifellows.portal.portfolios;

import java.util.List;
import java.util.Set;

import kr.aifellows.portal.shared.ResearchArea;

/**
 * Who the applicant is: names, ORCID iD, research areas and affiliations.
 */
public record Profile(String nameKo, String nameRomanized, String orcid, Set<ResearchArea> areas,
		List<Affiliation> affiliations) {

	public Profile {
		areas = areas == null ? Set.of() : Set.copyOf(areas);
		affiliations = affiliations == null ? List.of() : List.copyOf(affiliations);
	}
}
