package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.query.IndexFields;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * Facet counts over all hits of a search, from the sorted-set doc values of each
 * dimension.
 */
final class LuceneFacets {

	static final int MAX_FACET_VALUES = 50;

	private final FacetsConfig facetsConfig;

	private volatile FacetState facetState;

	LuceneFacets(FacetsConfig facetsConfig) {
		this.facetsConfig = facetsConfig;
	}

	Map<String, List<SearchResults.FacetCount>> counts(IndexSearcher searcher, FacetsCollector collector, boolean blind)
			throws IOException {
		Map<String, List<SearchResults.FacetCount>> counts = new LinkedHashMap<>();
		SortedSetDocValuesReaderState state = state(searcher);
		if (state == null) {
			return counts;
		}
		SortedSetDocValuesFacetCounts facets = new SortedSetDocValuesFacetCounts(state, collector);
		for (String dimension : SearchResults.FACETS) {
			if (blind && dimension.equals(IndexFields.AFFILIATION)) {
				continue;
			}
			FacetResult result;
			try {
				result = facets.getTopChildren(MAX_FACET_VALUES, dimension);
			}
			catch (IllegalArgumentException dimensionNotIndexedYet) {
				result = null;
			}
			List<SearchResults.FacetCount> values = new ArrayList<>();
			if (result != null) {
				for (LabelAndValue value : result.labelValues) {
					values.add(new SearchResults.FacetCount(value.label, value.value.longValue()));
				}
			}
			values.sort(Comparator.comparingLong(SearchResults.FacetCount::count)
				.reversed()
				.thenComparing(SearchResults.FacetCount::value));
			counts.put(dimension, List.copyOf(values));
		}
		return counts;
	}

	/**
	 * Building the state maps ordinals across segments, so it is kept until the reader
	 * changes.
	 */
	private SortedSetDocValuesReaderState state(IndexSearcher searcher) throws IOException {
		FacetState cached = facetState;
		if (cached != null && cached.reader() == searcher.getIndexReader()) {
			return cached.state();
		}
		SortedSetDocValuesReaderState state;
		try {
			state = new DefaultSortedSetDocValuesReaderState(searcher.getIndexReader(), facetsConfig);
		}
		catch (IllegalArgumentException noFacetsYet) {
			return null;
		}
		facetState = new FacetState(searcher.getIndexReader(), state);
		return state;
	}

	private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
	}

}
