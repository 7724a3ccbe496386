package kr.aifellows.portal.portfolios;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A publication with its ordered author list (one author per line in the database).
 */
@Embeddable
public record Publication(String title, String venue, int year, @Column(name = "authors") String authorLines,
		String doi, String arxivId) {

	public static Publication of(String title, String venue, int year, List<String> authors, String doi,
			String arxivId) {
		return new Publication(title, venue, year, String.join("\n", authors), blankToNull(doi), blankToNull(arxivId));
	}

	public List<String> authors() {
		return Arrays.stream(authorLines.split("\n")).map(String::strip).filter(name -> !name.isEmpty()).toList();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
