package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.SearchUnavailableException;
import kr.aifellows.portal.search.query.Analyzers;
import kr.aifellows.portal.search.query.ParsedQuery;
import kr.aifellows.portal.search.query.QueryParser;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The embedded backend: one Lucene index per generation under the configured directory
 * (the file {@code current} names the live one), near-real-time through a
 * {@link SearcherManager} that is refreshed after every write, facets from
 * {@code lucene-facet}, snippets from the unified highlighter.
 */
public final class LuceneSearchIndex implements SearchIndex, AutoCloseable {

	private final Analyzer analyzer = Analyzers.perField();

	private final QueryParser parser = new QueryParser();

	private final LuceneWriter writer;

	private final LuceneSearch searches;

	private final LuceneSimilarity similarity = new LuceneSimilarity(analyzer);

	public LuceneSearchIndex(Path root) {
		LuceneDocuments documents = new LuceneDocuments();
		try {
			this.writer = new LuceneWriter(new GenerationFolder(root), analyzer, documents);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the search index in " + root, ex);
		}
		this.searches = new LuceneSearch(analyzer, documents.facetsConfig());
	}

	@Override
	public String backend() {
		return "lucene";
	}

	@Override
	public boolean needsRebuild() {
		return writer.needsRebuild();
	}

	@Override
	public void index(SearchDocument document) {
		indexAll(List.of(document));
	}

	@Override
	public void indexAll(Collection<SearchDocument> documents) {
		writer.indexAll(documents);
	}

	@Override
	public void remove(String id) {
		writer.remove(id);
	}

	@Override
	public SearchResults search(SearchQuery query) {
		ParsedQuery parsed = parser.parse(query);
		if (parsed.isRefused()) {
			return SearchResults.problem(query, parsed.problem());
		}
		return withSearcher(searcher -> searches.search(searcher, query, parsed));
	}

	@Override
	public Map<String, Double> similarity(String text, Collection<String> candidateIds) {
		if (text == null || text.isBlank() || candidateIds.isEmpty()) {
			return Map.of();
		}
		return withSearcher(searcher -> similarity.scores(searcher, text, candidateIds));
	}

	@Override
	public Rebuild rebuild() {
		return writer.rebuild();
	}

	@Override
	public Health health() {
		try {
			return withSearcher(searcher -> new Health(true, "lucene " + writer.live().path(),
					searcher.getIndexReader().numDocs()));
		}
		catch (RuntimeException ex) {
			return new Health(false, ex.getMessage(), 0);
		}
	}

	@Override
	public void close() {
		writer.close();
	}

	private <T> T withSearcher(SearcherWork<T> work) {
		for (int attempt = 0;; attempt++) {
			Generation generation = writer.live();
			IndexSearcher searcher;
			try {
				searcher = generation.searchers().acquire();
			}
			catch (AlreadyClosedException swappedMeanwhile) {
				if (attempt < 3) {
					continue;
				}
				throw new SearchUnavailableException("The search index is closed", swappedMeanwhile);
			}
			catch (IOException ex) {
				throw new SearchUnavailableException("Cannot read the search index", ex);
			}
			try {
				return work.with(searcher);
			}
			catch (IOException ex) {
				throw new SearchUnavailableException("Cannot read the search index", ex);
			}
			finally {
				try {
					generation.searchers().release(searcher);
				}
				catch (IOException | AlreadyClosedException ignored) {
					// the generation was swapped out meanwhile; its files are going
					// anyway
				}
			}
		}
	}

	@FunctionalInterface
	private interface SearcherWork<T> {

		T with(IndexSearcher searcher) throws IOException;

	}

}
