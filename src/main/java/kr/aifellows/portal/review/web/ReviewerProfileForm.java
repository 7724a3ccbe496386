package kr.aifellows.portal.review.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.Identifiers;
import kr.aifellows.portal.review.pool.ReviewerProfile;
import kr.aifellows.portal.review.pool.ReviewerRelation;
import kr.aifellows.portal.shared.ResearchArea;

/** Kept in the session (JDBC, serialised) as a flash attribute when saving fails. */
class ReviewerProfileForm implements Serializable {

	static final int ROWS = 4;

	private String name;

	private String nameRomanized;

	private String orcid;

	private Set<ResearchArea> areas = Set.of();

	private List<AffiliationRow> affiliations = new ArrayList<>();

	private List<RelationRow> relations = new ArrayList<>();

	static ReviewerProfileForm of(ReviewerProfile profile) {
		ReviewerProfileForm form = new ReviewerProfileForm();
		form.name = profile.name();
		form.nameRomanized = profile.nameRomanized();
		form.orcid = profile.orcid();
		form.areas = profile.areas();
		profile.affiliations().forEach(a -> {
			AffiliationRow row = new AffiliationRow();
			row.setInstitution(a.institution());
			row.setTitle(a.title());
			row.setStartYear(a.startYear());
			row.setEndYear(a.endYear());
			form.affiliations.add(row);
		});
		profile.relations().forEach(r -> {
			RelationRow row = new RelationRow();
			row.setKind(r.kind());
			row.setName(r.name());
			row.setEmail(r.email());
			form.relations.add(row);
		});
		form.pad();
		return form;
	}

	void pad() {
		while (affiliations.size() < ROWS) {
			affiliations.add(new AffiliationRow());
		}
		while (relations.size() < ROWS) {
			relations.add(new RelationRow());
		}
	}

	/**
	 * @return the message code of the first problem, or null
	 */
	String problem() {
		if (name == null || name.isBlank()) {
			return "reviewer.profile.nameRequired";
		}
		if (orcid != null && !orcid.isBlank()) {
			if (Identifiers.normalizeOrcid(orcid) == null) {
				return "orcid.format";
			}
			if (!Identifiers.isValidOrcid(orcid)) {
				return "orcid.checksum";
			}
		}
		for (AffiliationRow row : affiliations) {
			if (row.isEmpty()) {
				continue;
			}
			if (row.getInstitution() == null || row.getInstitution().isBlank() || row.getStartYear() == null
					|| (row.getEndYear() != null && row.getEndYear() < row.getStartYear())) {
				return "reviewer.profile.badAffiliation";
			}
		}
		for (RelationRow row : relations) {
			if (!row.isEmpty() && (row.getKind() == null || row.getName() == null || row.getName().isBlank())) {
				return "reviewer.profile.badRelation";
			}
		}
		return null;
	}

	ReviewerProfile toProfile() {
		return new ReviewerProfile(name.strip(), blank(nameRomanized), Identifiers.normalizeOrcid(orcid), areas,
				affiliations.stream()
					.filter(row -> !row.isEmpty())
					.map(row -> new Affiliation(row.getInstitution().strip(), blank(row.getTitle()), row.getStartYear(),
							row.getEndYear()))
					.toList(),
				relations.stream()
					.filter(row -> !row.isEmpty())
					.map(row -> new ReviewerRelation(row.getKind(), row.getName().strip(), blank(row.getEmail())))
					.toList());
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
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
		this.orcid = orcid;
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

	public List<RelationRow> getRelations() {
		return relations;
	}

	public void setRelations(List<RelationRow> relations) {
		this.relations = relations;
	}

	public static class AffiliationRow implements Serializable {

		private String institution;

		private String title;

		private Integer startYear;

		private Integer endYear;

		boolean isEmpty() {
			return (institution == null || institution.isBlank()) && (title == null || title.isBlank())
					&& startYear == null && endYear == null;
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

	public static class RelationRow implements Serializable {

		private ReviewerRelation.Kind kind;

		private String name;

		private String email;

		boolean isEmpty() {
			return (name == null || name.isBlank()) && (email == null || email.isBlank());
		}

		public ReviewerRelation.Kind getKind() {
			return kind;
		}

		public void setKind(ReviewerRelation.Kind kind) {
			this.kind = kind;
		}

		public String getName() {
			return name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getEmail() {
			return email;
		}

		public void setEmail(String email) {
			this.email = email;
		}

	}

}
