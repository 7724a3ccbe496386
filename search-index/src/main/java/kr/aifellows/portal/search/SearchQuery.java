package kr.aifellows.portal.search;

import java.util.Set;

/**
 * A search within one call, with the caller's access scope.
 *
 * @param callId the call whose applications are searched
 * @param text the user's query: words, "phrases", -exclusions, and {@code area:},
 * {@code status:}, {@code affiliation:}, {@code year:} filters (affiliation only when not
 * blind, and ignoring case)
 * @param allowedIds when not null, only these applications can be found (a reviewer's
 * assignments)
 * @param blind identity fields are neither searched, nor shown in snippets, nor counted
 * in facets
 * @param area, status, affiliation, year filters chosen outside the query text (null:
 * any)
 * @param sort relevance or date (newest first)
 * @param page zero-based page
 * @param size hits per page (1 to 100)
 */
public record SearchQuery(long callId, String text, Set<String> allowedIds, boolean blind, String area, String status,
		String affiliation, String year, Sort sort, int page, int size) {

	public static final int MAX_SIZE = 100;

	public enum Sort {

		RELEVANCE, DATE

	}

	public SearchQuery {
		text = text == null ? "" : text;
		allowedIds = allowedIds == null ? null : Set.copyOf(allowedIds);
		area = blankToNull(area);
		status = blankToNull(status);
		affiliation = blankToNull(affiliation);
		year = blankToNull(year);
		sort = sort == null ? Sort.RELEVANCE : sort;
		page = Math.max(page, 0);
		size = Math.min(Math.max(size, 1), MAX_SIZE);
	}

	/** Everything of a call, as the chair sees it. */
	public static SearchQuery chair(long callId, String text) {
		return new SearchQuery(callId, text, null, false, null, null, null, null, Sort.RELEVANCE, 0, 20);
	}

	/** Only the given applications, blind or not, as a reviewer sees them. */
	public static SearchQuery reviewer(long callId, String text, Set<String> assignedIds, boolean blind) {
		return new SearchQuery(callId, text, assignedIds == null ? Set.of() : assignedIds, blind, null, null, null,
				null, Sort.RELEVANCE, 0, 20);
	}

	public SearchQuery withFilters(String area, String status, String affiliation) {
		return new SearchQuery(callId, text, allowedIds, blind, area, status, affiliation, year, sort, page, size);
	}

	public SearchQuery withYear(String year) {
		return new SearchQuery(callId, text, allowedIds, blind, area, status, affiliation, year, sort, page, size);
	}

	public SearchQuery withSort(Sort sort) {
		return new SearchQuery(callId, text, allowedIds, blind, area, status, affiliation, year, sort, page, size);
	}

	public SearchQuery withPage(int page, int size) {
		return new SearchQuery(callId, text, allowedIds, blind, area, status, affiliation, year, sort, page, size);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
