package kr.aifellows.portal.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of hits with facet counts over all hits. A query that cannot be run (too long,
 * a field the caller may not search) gives no hits and a {@code problem}: a message code
 * such as {@code search.query.tooLong}. {@code widened} says which words the bilingual
 * glossary also searched in the other language, one {@code "words → term, term"} each
 * (empty when none).
 */
public record SearchResults(long total, List<Hit> hits, Map<String, List<FacetCount>> facets, int page, int size,
		String problem, List<String> widened) {

	public static final List<String> FACETS = List.of("area", "status", "affiliation", "year");

	public SearchResults {
		hits = List.copyOf(hits);
		facets = Map.copyOf(facets);
		widened = widened == null ? List.of() : List.copyOf(widened);
	}

	public SearchResults(long total, List<Hit> hits, Map<String, List<FacetCount>> facets, int page, int size,
			String problem) {
		this(total, hits, facets, page, size, problem, List.of());
	}

	public static SearchResults problem(SearchQuery query, String code) {
		return new SearchResults(0, List.of(), Map.of(), query.page(), query.size(), code);
	}

	public List<String> ids() {
		return hits.stream().map(Hit::id).toList();
	}

	public List<FacetCount> facet(String name) {
		return facets.getOrDefault(name, List.of());
	}

	public int totalPages() {
		return (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size);
	}

	public boolean hasNext() {
		return (long) (page + 1) * size < total;
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	/**
	 * A hit; snippets mark matches as {@link Snippets} describes.
	 */
	public record Hit(String id, float score, String title, String status, Instant date, List<String> snippets) {
	}

	public record FacetCount(String value, long count) {
	}
}
