package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.ParsedQuery;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * One search on a searcher: the page of hits in order, the exact total and the facets
 * over all hits in one pass, then the page's stored fields and snippets.
 */
final class LuceneSearch {

	private static final Set<String> STORED_FOR_HITS = Stream
		.concat(Stream.of(IndexFields.ID, IndexFields.STATUS, IndexFields.DATE), IndexFields.CONTENT.stream())
		.collect(Collectors.toUnmodifiableSet());

	private final LuceneQueries queries;

	private final LuceneFacets facets;

	private final LuceneSnippets snippets;

	LuceneSearch(Analyzer analyzer, FacetsConfig facetsConfig) {
		this.queries = new LuceneQueries(analyzer);
		this.facets = new LuceneFacets(facetsConfig);
		this.snippets = new LuceneSnippets(analyzer);
	}

	SearchResults search(IndexSearcher searcher, SearchQuery query, ParsedQuery parsed) throws IOException {
		Query text = queries.toLucene(query, parsed);
		int window = (query.page() + 1) * query.size();
		// facets see every hit anyway, so counting them all exactly costs nothing more
		Object[] results = searcher.search(LuceneQueries.withinCall(query, text),
				new MultiCollectorManager(new TopFieldCollectorManager(sort(query), window, null, Integer.MAX_VALUE),
						new FacetsCollectorManager()));
		TopFieldDocs top = (TopFieldDocs) results[0];
		FacetsCollector facetHits = (FacetsCollector) results[1];
		List<ScoreDoc> page = new ArrayList<>();
		for (int i = query.page() * query.size(); i < top.scoreDocs.length; i++) {
			page.add(top.scoreDocs[i]);
		}
		return new SearchResults(top.totalHits.value(), hits(searcher, text, page),
				facets.counts(searcher, facetHits, query.blind()), query.page(), query.size(), null, parsed.widened());
	}

	private static Sort sort(SearchQuery query) {
		return query.sort() == SearchQuery.Sort.DATE
				? new Sort(new SortField(IndexFields.DATE, SortField.Type.LONG, true),
						new SortField(IndexFields.ID, SortField.Type.STRING))
				: new Sort(SortField.FIELD_SCORE, new SortField(IndexFields.DATE, SortField.Type.LONG, true),
						new SortField(IndexFields.ID, SortField.Type.STRING));
	}

	/** The page's hits, their snippets marking the text query's matches. */
	private List<SearchResults.Hit> hits(IndexSearcher searcher, Query text, List<ScoreDoc> page) throws IOException {
		// one read of each hit's stored fields serves both the hit and its snippets
		StoredFields stored = searcher.storedFields();
		List<Document> documents = new ArrayList<>(page.size());
		Map<Integer, String> contents = new HashMap<>();
		for (ScoreDoc scoreDoc : page) {
			Document document = stored.document(scoreDoc.doc, STORED_FOR_HITS);
			documents.add(document);
			contents.put(scoreDoc.doc, LuceneSnippets.joinedContent(document));
		}
		Map<Integer, List<String>> found = snippets.highlight(searcher, text, contents);
		List<SearchResults.Hit> hits = new ArrayList<>();
		for (int i = 0; i < page.size(); i++) {
			ScoreDoc scoreDoc = page.get(i);
			Document document = documents.get(i);
			float score = Float.isNaN(scoreDoc.score) ? 0f : scoreDoc.score;
			hits.add(new SearchResults.Hit(document.get(IndexFields.ID), score, document.get(IndexFields.TITLE),
					document.get(IndexFields.STATUS),
					Instant.ofEpochMilli(document.getField(IndexFields.DATE).numericValue().longValue()),
					found.getOrDefault(scoreDoc.doc, List.of())));
		}
		return hits;
	}

}
