package kr.aifellows.portal.search;

import java.util.Collection;
import java.util.Map;

/**
 * The portal's full-text index of applications (embedded Lucene or Elasticsearch, see
 * {@link SearchProperties}). Writes are visible to searches within a second.
 */
public interface SearchIndex {

	/** Adds or replaces a document. */
	void index(SearchDocument document);

	/** Adds or replaces many documents at once. */
	void indexAll(Collection<SearchDocument> documents);

	void remove(String id);

	/**
	 * Never throws for bad query text: such a query gives a
	 * {@link SearchResults#problem()}.
	 */
	SearchResults search(SearchQuery query);

	/**
	 * How close each candidate's content is to the text ("more like this"), 0 for none;
	 * candidates that are not indexed are left out. Only content fields are compared,
	 * never identities.
	 */
	Map<String, Double> similarity(String text, Collection<String> candidateIds);

	/**
	 * Starts building a fresh index beside the live one; searches keep using the live
	 * one, and writes go to both, until {@link Rebuild#swap()}.
	 */
	Rebuild rebuild();

	/**
	 * Whether the index was found in the layout of an older version (other fields or
	 * analysis) and set aside: it finds nothing until everything is reindexed
	 * ({@link #rebuild()}), which the portal starts by itself. False again once a rebuild
	 * is swapped in.
	 */
	default boolean needsRebuild() {
		return false;
	}

	/** Whether the backend answers, with a short description. */
	Health health();

	String backend();

	interface Rebuild extends AutoCloseable {

		void add(Collection<SearchDocument> documents);

		/** Makes the new index the live one atomically and drops the old one. */
		void swap();

		/** Drops the new index if it was not swapped in. */
		@Override
		void close();

	}

	record Health(boolean up, String detail, long documents) {
	}

}
