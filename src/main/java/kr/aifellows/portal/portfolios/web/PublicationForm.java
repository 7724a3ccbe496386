package kr.aifellows.portal.portfolios.web;

import java.util.Arrays;
import java.util.stream.Stream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import kr.aifellows.portal.portfolios.Identifiers;
import kr.aifellows.portal.portfolios.Publication;

import org.springframework.validation.Errors;

class PublicationForm {

	@NotBlank
	@Size(max = 500)
	private String title;

	@Size(max = 300)
	private String venue;

	@NotNull
	@Min(1950)
	@Max(2100)
	private Integer year;

	/** One author per line, in the paper's order. */
	@NotBlank
	@Size(max = 5000)
	private String authors;

	@Size(max = 200)
	private String doi;

	@Size(max = 40)
	private String arxivId;

	/** DOI and arXiv identifiers must be recognisable when given. */
	void check(Errors result) {
		if (doi != null && !doi.isBlank() && Identifiers.normalizeDoi(doi) == null) {
			result.rejectValue("doi", "doi.invalid");
		}
		if (arxivId != null && !arxivId.isBlank() && Identifiers.normalizeArxiv(arxivId) == null) {
			result.rejectValue("arxivId", "arxiv.invalid");
		}
	}

	boolean isEmpty() {
		return Stream.of(title, venue, authors, doi, arxivId).allMatch(v -> v == null || v.isBlank()) && year == null;
	}

	Publication toPublication() {
		return toPublication(Identifiers.normalizeDoi(doi), Identifiers.normalizeArxiv(arxivId));
	}

	private Publication toPublication(String normalizedDoi, String normalizedArxiv) {
		return Publication.of(title.strip(), venue == null || venue.isBlank() ? null : venue.strip(), year,
				Arrays.stream(authors.split("\\R")).map(String::strip).filter(a -> !a.isEmpty()).toList(),
				normalizedDoi, normalizedArxiv);
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getVenue() {
		return venue;
	}

	public void setVenue(String venue) {
		this.venue = venue;
	}

	public Integer getYear() {
		return year;
	}

	public void setYear(Integer year) {
		this.year = year;
	}

	public String getAuthors() {
		return authors;
	}

	public void setAuthors(String authors) {
		this.authors = authors;
	}

	public String getDoi() {
		return doi;
	}

	public void setDoi(String doi) {
		this.doi = doi;
	}

	public String getArxivId() {
		return arxivId;
	}

	public void setArxivId(String arxivId) {
		this.arxivId = arxivId;
	}

}
