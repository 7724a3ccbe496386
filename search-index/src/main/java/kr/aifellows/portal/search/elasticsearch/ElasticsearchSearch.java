package kr.aifellows.portal.search.elasticsearch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Highlight;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.util.NamedValue;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.Snippets;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.ParsedQuery;

import static kr.aifellows.portal.search.elasticsearch.ElasticsearchCall.call;

/**
 * One search request: the page of hits with their highlighted fragments, the exact total
 * and a terms aggregation per facet, read back into {@link SearchResults}.
 */
final class ElasticsearchSearch {

	/** The English subfield of each text field ({@code title.en}). */
	static final String EN = ".en";

	private static final int SNIPPETS_PER_HIT = 3;

	private static final int MAX_FACET_VALUES = 50;

	/** The content fields whose fragments make the snippets, in snippet order. */
	private static final List<String> HIGHLIGHTED = IndexFields.withEnglish(IndexFields.CONTENT, EN);

	private final ElasticsearchClient client;

	private final ElasticsearchIndices indices;

	ElasticsearchSearch(ElasticsearchClient client, ElasticsearchIndices indices) {
		this.client = client;
		this.indices = indices;
	}

	SearchResults search(SearchQuery query, ParsedQuery parsed) {
		List<String> textFields = IndexFields.withEnglish(IndexFields.searchable(query.blind()), EN);
		Map<String, Aggregation> aggregations = aggregations(query);
		SearchRequest.Builder request = new SearchRequest.Builder().index(indices.target())
			.query(ElasticsearchQueries.toQuery(query, parsed, textFields))
			.from(query.page() * query.size())
			.size(query.size())
			.trackTotalHits(t -> t.enabled(true))
			.source(s -> s
				.filter(f -> f.includes(IndexFields.ID, IndexFields.TITLE, IndexFields.STATUS, IndexFields.DATE)))
			.highlight(highlight())
			.aggregations(aggregations);
		sort(request, query);
		@SuppressWarnings("rawtypes")
		SearchResponse<Map> response = call(() -> client.search(request.build(), Map.class));
		List<SearchResults.Hit> hits = hits(response);
		long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
		return new SearchResults(total, hits, facets(response, aggregations.keySet()), query.page(), query.size(), null,
				parsed.widened());
	}

	/**
	 * The query searches the catch-all content field; its words are marked in each
	 * content field.
	 */
	private static Highlight highlight() {
		Map<String, HighlightField> highlighted = new LinkedHashMap<>();
		for (String field : HIGHLIGHTED) {
			highlighted.put(field, HighlightField.of(h -> h.numberOfFragments(2).fragmentSize(160)));
		}
		return Highlight.of(h -> h.preTags(String.valueOf(Snippets.MARK_START))
			.postTags(String.valueOf(Snippets.MARK_END))
			.requireFieldMatch(false)
			.fields(highlighted.entrySet().stream().map(e -> NamedValue.of(e.getKey(), e.getValue())).toList()));
	}

	private static Map<String, Aggregation> aggregations(SearchQuery query) {
		Map<String, Aggregation> aggregations = new LinkedHashMap<>();
		for (String facet : SearchResults.FACETS) {
			if (query.blind() && facet.equals(IndexFields.AFFILIATION)) {
				continue;
			}
			aggregations.put(facet, Aggregation.of(a -> a.terms(t -> t.field(facet).size(MAX_FACET_VALUES))));
		}
		return aggregations;
	}

	private static void sort(SearchRequest.Builder request, SearchQuery query) {
		if (query.sort() == SearchQuery.Sort.DATE) {
			request.sort(s -> s.field(f -> f.field(IndexFields.DATE).order(SortOrder.Desc)))
				.sort(s -> s.field(f -> f.field(IndexFields.ID).order(SortOrder.Asc)));
		}
		else {
			request.sort(s -> s.score(sc -> sc.order(SortOrder.Desc)))
				.sort(s -> s.field(f -> f.field(IndexFields.DATE).order(SortOrder.Desc)))
				.sort(s -> s.field(f -> f.field(IndexFields.ID).order(SortOrder.Asc)));
		}
	}

	@SuppressWarnings("rawtypes")
	private static List<SearchResults.Hit> hits(SearchResponse<Map> response) {
		List<SearchResults.Hit> hits = new ArrayList<>();
		for (var hit : response.hits().hits()) {
			Map<?, ?> source = hit.source() == null ? Map.of() : hit.source();
			Set<String> snippets = new LinkedHashSet<>();
			for (String field : HIGHLIGHTED) {
				for (String fragment : hit.highlight().getOrDefault(field, List.of())) {
					if (snippets.size() < SNIPPETS_PER_HIT) {
						snippets.add(fragment.strip());
					}
				}
			}
			Object date = source.get(IndexFields.DATE);
			hits.add(new SearchResults.Hit(hit.id(), hit.score() == null ? 0f : hit.score().floatValue(),
					(String) source.get(IndexFields.TITLE), (String) source.get(IndexFields.STATUS),
					Instant.ofEpochMilli(date instanceof Number number ? number.longValue() : 0L),
					List.copyOf(snippets)));
		}
		return hits;
	}

	@SuppressWarnings("rawtypes")
	private static Map<String, List<SearchResults.FacetCount>> facets(SearchResponse<Map> response,
			Set<String> facetNames) {
		Map<String, List<SearchResults.FacetCount>> facets = new LinkedHashMap<>();
		for (String facet : facetNames) {
			Aggregate aggregate = response.aggregations().get(facet);
			List<SearchResults.FacetCount> values = new ArrayList<>();
			if (aggregate != null && aggregate.isSterms()) {
				for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
					values.add(new SearchResults.FacetCount(bucket.key().stringValue(), bucket.docCount()));
				}
			}
			facets.put(facet, List.copyOf(values));
		}
		return facets;
	}

}
