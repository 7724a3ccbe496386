package kr.aifellows.portal.portfolios.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.Identifiers;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.validation.Errors;

class ProfileForm {

	static final int AFFILIATION_ROWS = 4;

	@Size(max = 100)
	private String nameKo;

	@Size(max = 200)
	private String nameRomanized;

	@Size(max = 60)
	private String orcid;

	private Set<ResearchArea> areas = Set.of();

	@Valid
	private List<AffiliationRow> affiliations = new ArrayList<>();

	static ProfileForm of(Profile profile) {
		ProfileForm form = new ProfileForm();
		form.nameKo = profile.nameKo();
		form.nameRomanized = profile.nameRomanized();
		form.orcid = profile.orcid();
		form.areas = profile.areas();
		profile.affiliations().forEach(a -> form.affiliations.add(AffiliationRow.of(a)));
		form.padRows();
		return form;
	}

	/**
	 * The checks a constraint annotation cannot express: the ORCID's format and checksum,
	 * complete rows.
	 */
	void check(Errors result) {
		if (orcid != null && !orcid.isBlank() && !result.hasFieldErrors("orcid")) {
			if (Identifiers.normalizeOrcid(orcid) == null) {
				result.rejectValue("orcid", "orcid.format");
			}
			else if (!Identifiers.isValidOrcid(orcid)) {
				result.rejectValue("orcid", "orcid.checksum");
			}
		}
		for (int i = 0; i < affiliations.size(); i++) {
			AffiliationRow row = affiliations.get(i);
			if (row.isEmpty()) {
				continue;
			}
			if (row.getInstitution() == null || row.getInstitution().isBlank()) {
				result.rejectValue("affiliations[" + i + "].institution", "NotBlank");
			}
			if (row.getStartYear() == null) {
				result.rejectValue("affiliations[" + i + "].startYear", "NotNull");
			}
			else if (row.getEndYear() != null && row.getEndYear() < row.getStartYear()) {
				result.rejectValue("affiliations[" + i + "].endYear", "affiliation.endBeforeStart");
			}
		}
	}

	void padRows() {
		while (affiliations.size() < AFFILIATION_ROWS) {
			affiliations.add(new AffiliationRow());
		}
	}

	Profile toProfile() {
		return new Profile(trim(nameKo), trim(nameRomanized), Identifiers.normalizeOrcid(orcid), areas,
				affiliations.stream().filter(row -> !row.isEmpty()).map(AffiliationRow::toAffiliation).toList());
	}

	private static String trim(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	public String getNameKo() {
		return nameKo;
	}

	public void setNameKo(String nameKo) {
		this.nameKo = nameKo;
	}

	public String getNameRomanized() {
		return nameRomanized;
	}

	public void setNameRomanized(String nameRomanized) {
		this.nameRomanized = nameRomanized;
	}

	public String getOrcid() {
		return orcid;
	}

	public void setOrcid(String orcid) {
		this.orcid = orcid == null ? null : orcid.strip();
	}

	public Set<ResearchArea> getAreas() {
		return areas;
	}

	public void setAreas(Set<ResearchArea> areas) {
		this.areas = areas == null ? Set.of() : areas;
	}

	public List<AffiliationRow> getAffiliations() {
		return affiliations;
	}

	public void setAffiliations(List<AffiliationRow> affiliations) {
		this.affiliations = affiliations;
	}

	public static class AffiliationRow {

		@Size(max = 200)
		private String institution;

		@Size(max = 200)
		private String title;

		@Min(1950)
		@Max(2100)
		private Integer startYear;

		@Min(1950)
		@Max(2100)
		private Integer endYear;

		static AffiliationRow of(Affiliation affiliation) {
			AffiliationRow row = new AffiliationRow();
			row.institution = affiliation.institution();
			row.title = affiliation.title();
			row.startYear = affiliation.startYear();
			row.endYear = affiliation.endYear();
			return row;
		}

		boolean isEmpty() {
			return (institution == null || institution.isBlank()) && startYear == null;
		}

		Affiliation toAffiliation() {
			return new Affiliation(institution.strip(), title == null || title.isBlank() ? null : title.strip(),
					startYear, endYear);
		}

		public String getInstitution() {
			return institution;
		}

		public void setInstitution(String institution) {
			this.institution = institution;
		}

		public String getTitle() {
			return title;
		}

		public void setTitle(String title) {
			this.title = title;
		}

		public Integer getStartYear() {
			return startYear;
		}

		public void setStartYear(Integer startYear) {
			this.startYear = startYear;
		}

		public Integer getEndYear() {
			return endYear;
		}

		public void setEndYear(Integer endYear) {
			this.endYear = endYear;
		}

	}

}
