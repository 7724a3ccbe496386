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
		// Typed with or without hyphens or the orcid.org prefix, an iD is kept in one
		// form so that
		// the conflict checks compare like with like; text that is no iD stays for
		// validation.
		String canonicalOrcid = Identifiers.normalizeOrcid(orcid);
		orcid = canonicalOrcid != null ? canonicalOrcid : (orcid == null || orcid.isBlank() ? null : orcid.strip());
		areas = areas == null ? Set.of() : Set.copyOf(areas);
		affiliations = affiliations == null ? List.of() : List.copyOf(affiliations);
	}
}
