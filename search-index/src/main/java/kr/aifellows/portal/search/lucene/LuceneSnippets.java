package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import kr.aifellows.portal.search.query.IndexFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Snippets of a page of hits from the unified highlighter. The catch-all content field's
 * offsets are in its postings, so the highlighter reads them instead of analysing the
 * text again; matches of the English twin mark the same text. Matches come from the
 * query's terms (phrases only where they match as phrases), not from running the whole
 * query again for each hit.
 */
final class LuceneSnippets {

	private static final int SNIPPETS_PER_HIT = 3;

	/**
	 * Between two content fields' values: one character, like the analyzer's offset gap.
	 */
	static final char VALUE_SEPARATOR = '\u2029';

	private static final Set<String> ENGLISH_CONTENT = Set.of(IndexFields.ALL_CONTENT + IndexFields.EN);

	private final Analyzer analyzer;

	LuceneSnippets(Analyzer analyzer) {
		this.analyzer = analyzer;
	}

	/**
	 * The content fields in the order they were added to {@link IndexFields#ALL_CONTENT}.
	 */
	static String joinedContent(Document document) {
		StringBuilder joined = new StringBuilder(4096);
		for (String field : IndexFields.CONTENT) {
			String value = document.get(field);
			if (value != null) {
				if (!joined.isEmpty()) {
					joined.append(VALUE_SEPARATOR);
				}
				joined.append(value);
			}
		}
		return joined.toString();
	}

	/**
	 * Each hit's snippets, given the hits' {@link #joinedContent} already read from their
	 * stored fields.
	 */
	Map<Integer, List<String>> highlight(IndexSearcher searcher, Query query, Map<Integer, String> contents)
			throws IOException {
		Map<Integer, List<String>> snippets = new HashMap<>();
		if (contents.isEmpty()) {
			return snippets;
		}
		PreloadedHighlighter highlighter = new PreloadedHighlighter(UnifiedHighlighter.builder(searcher, analyzer)
			.withMaskedFieldsFunc(field -> field.equals(IndexFields.ALL_CONTENT) ? ENGLISH_CONTENT : Set.of())
			.withWeightMatches(false)
			.withScorer(new LeanPassageScorer())
			.withFormatter(new SeparatePassages())
			.withMaxNoHighlightPassages(0)
			.withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT))
			.withMaxLength(100_000), contents);
		int[] docIds = contents.keySet().stream().mapToInt(Integer::intValue).toArray();
		Object[] passages = highlighter.passages(query, docIds, SNIPPETS_PER_HIT);
		for (int i = 0; i < docIds.length; i++) {
			@SuppressWarnings("unchecked")
			List<String> found = passages[i] == null ? List.of() : (List<String>) passages[i];
			snippets.put(docIds[i], found);
		}
		return snippets;
	}

	/** Highlights text already read from the stored fields, so it is not read twice. */
	private static final class PreloadedHighlighter extends UnifiedHighlighter {

		private final Map<Integer, String> contents;

		PreloadedHighlighter(Builder builder, Map<Integer, String> contents) {
			super(builder);
			this.contents = contents;
		}

		Object[] passages(Query query, int[] docIds, int maxPassages) throws IOException {
			return highlightFieldsAsObjects(new String[] { IndexFields.ALL_CONTENT }, query, docIds,
					new int[] { maxPassages })
				.get(IndexFields.ALL_CONTENT);
		}

		/**
		 * Both content fields have offsets in their postings; asking the index would
		 * merge the field infos of every segment for each search.
		 */
		@Override
		protected OffsetSource getOffsetSource(String field) {
			return OffsetSource.POSTINGS;
		}

		@Override
		protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter,
				int cacheCharsThreshold) throws IOException {
			List<CharSequence[]> values = new ArrayList<>();
			for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
				CharSequence[] docValues = new CharSequence[fields.length];
				Arrays.fill(docValues, contents.getOrDefault(doc, ""));
				values.add(docValues);
			}
			return values;
		}

	}

}
