package kr.aifellows.portal.portfolios;

import jakarta.persistence.Embeddable;

/**
 * A current ({@code endYear == null}) or past affiliation.
 */
@Embeddable
public record Affiliation(String institution, String title, int startYear, Integer endYear) {

	public boolean isCurrent() {
		return endYear == null;
	}
}
