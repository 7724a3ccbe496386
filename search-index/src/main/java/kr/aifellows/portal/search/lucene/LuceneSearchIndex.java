package kr.aifellows.portal.search.lucene;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.BreakIterator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.SearchUnavailableException;
import kr.aifellows.portal.search.Snippets;
import kr.aifellows.portal.search.query.Analyzers;
import kr.aifellows.portal.search.query.Glossary;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.ParsedQuery;
import kr.aifellows.portal.search.query.QueryParser;
import kr.aifellows.portal.search.query.TextFields;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The embedded backend: one Lucene index per generation under the configured directory (the file
 * {@code current} names the live one), near-real-time through a {@link SearcherManager} that is
 * refreshed after every write, facets from {@code lucene-facet}, snippets from the unified
 * highlighter.
 */
public final class LuceneSearchIndex implements SearchIndex, AutoCloseable {

	static final int MAX_FACET_VALUES = 50;

	private static final int SNIPPETS_PER_HIT = 3;

	/** About the length of Elasticsearch's fragments (160) with some room for whole words. */
	static final int SNIPPET_LENGTH = 200;

	private static final String CURRENT = "current";

	private static final String LAYOUT_KEY = "layout";

	private static final char VALUE_SEPARATOR = '\u2029';

	private static final Set<String> ENGLISH_CONTENT = Set.of(IndexFields.ALL_CONTENT + IndexFields.EN);

	private static final Set<String> STORED_FOR_HITS = java.util.stream.Stream
		.concat(java.util.stream.Stream.of(IndexFields.ID, IndexFields.STATUS, IndexFields.DATE),
				IndexFields.CONTENT.stream())
		.collect(java.util.stream.Collectors.toUnmodifiableSet());

	/** Offsets in the postings let the highlighter find matches without analysing the text again. */
	private static final FieldType CONTENT_TYPE = contentType();

	private final Path root;

	private final Analyzer analyzer = Analyzers.perField();

	private final FacetsConfig facetsConfig = new FacetsConfig();

	private final QueryParser parser = new QueryParser();

	private final Object writeLock = new Object();

	/** Held while committing; never taken inside {@code writeLock}. */
	private final Object commitLock = new Object();

	/** Writes applied so far (guarded by writeLock) and how many of them are committed (guarded by commitLock). */
	private long writes;

	private long committedWrites;

	private volatile Generation live;

	private Generation building;

	private volatile FacetState facetState;

	private volatile boolean needsRebuild;

	public LuceneSearchIndex(Path root) {
		this.root = root;
		facetsConfig.setMultiValued(IndexFields.AREA, true);
		facetsConfig.setMultiValued(IndexFields.AFFILIATION, true);
		try {
			Files.createDirectories(root);
			Path current = root.resolve(CURRENT);
			String name = Files.exists(current) ? Files.readString(current, StandardCharsets.UTF_8).strip() : "";
			if (name.isEmpty() || !Files.isDirectory(root.resolve(name))) {
				name = newGenerationName();
				writeCurrent(name);
			}
			else if (!hasCurrentLayout(root.resolve(name))) {
				// written by a version that indexed differently: today's queries would silently miss
				// documents in it, so start empty and let the owner of the documents reindex them
				name = newGenerationName();
				writeCurrent(name);
				needsRebuild = true;
			}
			this.live = Generation.open(root.resolve(name), analyzer);
			deleteOtherGenerations(name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the search index in " + root, ex);
		}
	}

	@Override
	public String backend() {
		return "lucene";
	}

	@Override
	public boolean needsRebuild() {
		return needsRebuild;
	}

	private static boolean hasCurrentLayout(Path generation) throws IOException {
		try (FSDirectory directory = FSDirectory.open(generation)) {
			if (!DirectoryReader.indexExists(directory)) {
				return true;
			}
			return Integer.toString(IndexFields.LAYOUT)
				.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(LAYOUT_KEY));
		}
	}

	@Override
	public void index(SearchDocument document) {
		indexAll(List.of(document));
	}

	@Override
	public void indexAll(Collection<SearchDocument> documents) {
		write(generation -> {
			for (SearchDocument document : documents) {
				generation.writer.updateDocument(new Term(IndexFields.ID, document.id()), toLucene(document));
			}
		});
	}

	@Override
	public void remove(String id) {
		write(generation -> generation.writer.deleteDocuments(new Term(IndexFields.ID, id)));
	}

	/**
	 * Applies a write and returns once it is committed and searchable. Commits are grouped: a
	 * writer that finds a commit in progress waits for it and then commits everything written
	 * meanwhile at once, so that a burst of writes (the deadline rush indexes every submission)
	 * costs a few commits (each an fsync and a new segment) instead of one per document.
	 */
	private void write(Write write) {
		long mine;
		synchronized (writeLock) {
			try {
				write.to(live);
				if (building != null) {
					write.to(building);
				}
			}
			catch (IOException | AlreadyClosedException ex) {
				throw new SearchUnavailableException("Cannot write to the search index", ex);
			}
			mine = ++writes;
		}
		commitThrough(mine);
	}

	private void commitThrough(long write) {
		synchronized (commitLock) {
			if (committedWrites >= write) {
				return;
			}
			long upTo;
			Generation generation;
			synchronized (writeLock) {
				upTo = writes;
				generation = live;
			}
			try {
				generation.commitAndRefresh();
			}
			catch (IOException | AlreadyClosedException ex) {
				if (generation == live) {
					throw new SearchUnavailableException("Cannot write to the search index", ex);
				}
				// Swapped meanwhile: the swap committed the new generation, which received these writes too.
			}
			committedWrites = upTo;
		}
	}

	@Override
	public SearchResults search(SearchQuery query) {
		ParsedQuery parsed = parser.parse(query);
		if (parsed.isRefused()) {
			return SearchResults.problem(query, parsed.problem());
		}
		return withSearcher(searcher -> search(searcher, query, parsed));
	}

	private SearchResults search(IndexSearcher searcher, SearchQuery query, ParsedQuery parsed) throws IOException {
		Query lucene = toLucene(query, parsed);
		int window = (query.page() + 1) * query.size();
		Sort sort = query.sort() == SearchQuery.Sort.DATE
				? new Sort(new SortField(IndexFields.DATE, SortField.Type.LONG, true),
						new SortField(IndexFields.ID, SortField.Type.STRING))
				: new Sort(SortField.FIELD_SCORE, new SortField(IndexFields.DATE, SortField.Type.LONG, true),
						new SortField(IndexFields.ID, SortField.Type.STRING));
		// facets see every hit anyway, so counting them all exactly costs nothing more
		Object[] results = searcher.search(lucene, new MultiCollectorManager(
				new TopFieldCollectorManager(sort, window, null, Integer.MAX_VALUE), new FacetsCollectorManager()));
		TopFieldDocs top = (TopFieldDocs) results[0];
		FacetsCollector facets = (FacetsCollector) results[1];

		List<ScoreDoc> page = new ArrayList<>();
		for (int i = query.page() * query.size(); i < top.scoreDocs.length; i++) {
			page.add(top.scoreDocs[i]);
		}
		// one read of each hit's stored fields serves both the hit and its snippets
		StoredFields stored = searcher.storedFields();
		List<Document> documents = new ArrayList<>(page.size());
		Map<Integer, String> contents = new HashMap<>();
		for (ScoreDoc scoreDoc : page) {
			Document document = stored.document(scoreDoc.doc, STORED_FOR_HITS);
			documents.add(document);
			contents.put(scoreDoc.doc, joinedContent(document));
		}
		Map<Integer, List<String>> snippets = highlight(searcher, lucene, contents);
		List<SearchResults.Hit> hits = new ArrayList<>();
		for (int i = 0; i < page.size(); i++) {
			ScoreDoc scoreDoc = page.get(i);
			Document document = documents.get(i);
			float score = Float.isNaN(scoreDoc.score) ? 0f : scoreDoc.score;
			hits.add(new SearchResults.Hit(document.get(IndexFields.ID), score, document.get(IndexFields.TITLE),
					document.get(IndexFields.STATUS),
					Instant.ofEpochMilli(document.getField(IndexFields.DATE).numericValue().longValue()),
					snippets.getOrDefault(scoreDoc.doc, List.of())));
		}
		return new SearchResults(top.totalHits.value(), hits, facetCounts(searcher, facets, query.blind()),
				query.page(), query.size(), null, parsed.widened());
	}

	private Query toLucene(SearchQuery query, ParsedQuery parsed) {
		BooleanQuery.Builder bool = new BooleanQuery.Builder();
		bool.add(new TermQuery(new Term(IndexFields.CALL, Long.toString(query.callId()))), Occur.FILTER);
		if (query.allowedIds() != null) {
			bool.add(new TermInSetQuery(IndexFields.ID,
					query.allowedIds().stream().map(BytesRef::new).toList()), Occur.FILTER);
		}
		for (ParsedQuery.Filter filter : parsed.filters()) {
			bool.add(new TermQuery(new Term(filter.field(), filter.value())),
					filter.negated() ? Occur.MUST_NOT : Occur.FILTER);
		}
		List<String> fields = IndexFields.withEnglish(IndexFields.searchable(query.blind()), IndexFields.EN);
		QueryBuilder builder = new QueryBuilder(analyzer);
		for (ParsedQuery.Group group : parsed.groups()) {
			bool.add(toLucene(group, fields, builder), group.negated() ? Occur.MUST_NOT : Occur.MUST);
		}
		if (parsed.positive().isEmpty()) {
			bool.add(new MatchAllDocsQuery(), Occur.MUST);
		}
		return bool.build();
	}

	/**
	 * The clauses as typed, each in any field; widened by the glossary, also any alternative as a
	 * phrase, with exact matches a tier above ({@link Glossary#EXACT_BONUS}).
	 */
	private static Query toLucene(ParsedQuery.Group group, List<String> fields, QueryBuilder builder) {
		BooleanQuery.Builder exact = new BooleanQuery.Builder();
		for (ParsedQuery.Clause clause : group.clauses()) {
			BooleanQuery.Builder anyField = new BooleanQuery.Builder();
			for (String field : fields) {
				Query fieldQuery = clause.phrase() ? builder.createPhraseQuery(field, clause.text())
						: builder.createBooleanQuery(field, clause.text(), Occur.MUST);
				if (fieldQuery != null) {
					anyField.add(fieldQuery, Occur.SHOULD);
				}
			}
			exact.add(anyField.build(), Occur.MUST);
		}
		Query typed = group.clauses().size() == 1 ? exact.build().clauses().get(0).query() : exact.build();
		if (group.alternatives().isEmpty()) {
			return typed;
		}
		BooleanQuery.Builder alternatives = new BooleanQuery.Builder();
		for (String alternative : group.alternatives()) {
			for (String field : fields) {
				Query fieldQuery = builder.createPhraseQuery(field, alternative);
				if (fieldQuery != null) {
					alternatives.add(fieldQuery, Occur.SHOULD);
				}
			}
		}
		return new BooleanQuery.Builder().add(typed, Occur.SHOULD)
			.add(new BoostQuery(new ConstantScoreQuery(typed), Glossary.EXACT_BONUS), Occur.SHOULD)
			.add(new BoostQuery(alternatives.build(), Glossary.SYNONYM_WEIGHT), Occur.SHOULD)
			.build();
	}

	/** The content fields in the order they were added to {@link IndexFields#ALL_CONTENT}. */
	private static String joinedContent(Document document) {
		StringBuilder joined = new StringBuilder(4096);
		for (String field : IndexFields.CONTENT) {
			String value = document.get(field);
			if (value != null) {
				if (!joined.isEmpty()) {
					// the highlighter's separator, one character like the analyzer's offset gap
					joined.append(VALUE_SEPARATOR);
				}
				joined.append(value);
			}
		}
		return joined.toString();
	}

	/**
	 * The catch-all content field's offsets are in its postings, so the highlighter reads them
	 * instead of analysing the text again; matches of the English twin mark the same text. Matches
	 * come from the query's terms (phrases only where they match as phrases), not from running the
	 * whole query again for each hit.
	 */
	private Map<Integer, List<String>> highlight(IndexSearcher searcher, Query query, Map<Integer, String> contents)
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

	private Map<String, List<SearchResults.FacetCount>> facetCounts(IndexSearcher searcher, FacetsCollector collector,
			boolean blind) throws IOException {
		Map<String, List<SearchResults.FacetCount>> counts = new LinkedHashMap<>();
		SortedSetDocValuesReaderState state = facetState(searcher);
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

	/** Building the state maps ordinals across segments, so it is kept until the reader changes. */
	private SortedSetDocValuesReaderState facetState(IndexSearcher searcher) throws IOException {
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

	private record FacetState(org.apache.lucene.index.IndexReader reader, SortedSetDocValuesReaderState state) {
	}

	@Override
	public Map<String, Double> similarity(String text, Collection<String> candidateIds) {
		if (text == null || text.isBlank() || candidateIds.isEmpty()) {
			return Map.of();
		}
		return withSearcher(searcher -> {
			MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
			mlt.setAnalyzer(analyzer);
			mlt.setMinTermFreq(1);
			mlt.setMinDocFreq(1);
			mlt.setMaxQueryTerms(50);
			BooleanQuery.Builder like = new BooleanQuery.Builder();
			for (String field : IndexFields.withEnglish(List.of(IndexFields.ALL_CONTENT), IndexFields.EN)) {
				mlt.setFieldNames(new String[] { field });
				like.add(mlt.like(field, new StringReader(text)), Occur.SHOULD);
			}
			Query query = new BooleanQuery.Builder().add(like.build(), Occur.MUST)
				.add(new TermInSetQuery(IndexFields.ID, candidateIds.stream().map(BytesRef::new).toList()),
						Occur.FILTER)
				.build();
			TopDocs top = searcher.search(query, Math.max(1, candidateIds.size()));
			Map<String, Double> scores = new LinkedHashMap<>();
			StoredFields stored = searcher.storedFields();
			for (ScoreDoc scoreDoc : top.scoreDocs) {
				scores.put(stored.document(scoreDoc.doc, Set.of(IndexFields.ID)).get(IndexFields.ID),
						(double) scoreDoc.score);
			}
			Set<String> indexed = indexedIds(searcher, candidateIds);
			for (String id : candidateIds) {
				if (indexed.contains(id)) {
					scores.putIfAbsent(id, 0.0);
				}
			}
			return scores;
		});
	}

	private static Set<String> indexedIds(IndexSearcher searcher, Collection<String> ids) throws IOException {
		TopDocs top = searcher.search(new TermInSetQuery(IndexFields.ID, ids.stream().map(BytesRef::new).toList()),
				Math.max(1, ids.size()));
		Set<String> found = new HashSet<>();
		StoredFields stored = searcher.storedFields();
		for (ScoreDoc scoreDoc : top.scoreDocs) {
			found.add(stored.document(scoreDoc.doc, Set.of(IndexFields.ID)).get(IndexFields.ID));
		}
		return found;
	}

	@Override
	public Rebuild rebuild() {
		Generation fresh;
		synchronized (writeLock) {
			if (building != null) {
				throw new IllegalStateException("A rebuild is already running");
			}
			try {
				fresh = Generation.open(root.resolve(newGenerationName()), analyzer);
			}
			catch (IOException ex) {
				throw new SearchUnavailableException("Cannot create a new search index", ex);
			}
			building = fresh;
		}
		return new Rebuild() {

			private boolean swapped;

			@Override
			public void add(Collection<SearchDocument> documents) {
				try {
					for (SearchDocument document : documents) {
						fresh.writer.updateDocument(new Term(IndexFields.ID, document.id()), toLucene(document));
					}
				}
				catch (IOException ex) {
					throw new SearchUnavailableException("Cannot write to the new search index", ex);
				}
			}

			@Override
			public void swap() {
				Generation old;
				synchronized (writeLock) {
					try {
						fresh.commitAndRefresh();
						writeCurrent(fresh.path.getFileName().toString());
					}
					catch (IOException ex) {
						throw new SearchUnavailableException("Cannot swap in the new search index", ex);
					}
					old = live;
					live = fresh;
					building = null;
					swapped = true;
					needsRebuild = false;
				}
				old.closeAndDelete();
			}

			@Override
			public void close() {
				synchronized (writeLock) {
					if (swapped) {
						return;
					}
					if (building == fresh) {
						building = null;
					}
				}
				fresh.closeAndDelete();
			}
		};
	}

	@Override
	public Health health() {
		try {
			return withSearcher(searcher -> new Health(true, "lucene " + live.path,
					searcher.getIndexReader().numDocs()));
		}
		catch (RuntimeException ex) {
			return new Health(false, ex.getMessage(), 0);
		}
	}

	@Override
	public void close() {
		synchronized (writeLock) {
			if (building != null) {
				building.closeAndDelete();
				building = null;
			}
			live.close();
		}
	}

	private <T> T withSearcher(SearcherWork<T> work) {
		for (int attempt = 0;; attempt++) {
			Generation generation = live;
			IndexSearcher searcher;
			try {
				searcher = generation.searchers.acquire();
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
					generation.searchers.release(searcher);
				}
				catch (IOException | AlreadyClosedException ignored) {
					// the generation was swapped out meanwhile; its files are going anyway
				}
			}
		}
	}

	private Document toLucene(SearchDocument source) throws IOException {
		Document document = new Document();
		document.add(new StringField(IndexFields.ID, source.id(), Field.Store.YES));
		document.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(source.id())));
		document.add(new StringField(IndexFields.CALL, Long.toString(source.callId()), Field.Store.NO));
		document.add(new StringField(IndexFields.STATUS, source.status(), Field.Store.YES));
		document.add(new NumericDocValuesField(IndexFields.DATE, source.date().toEpochMilli()));
		document.add(new StoredField(IndexFields.DATE, source.date().toEpochMilli()));
		String year = Integer.toString(source.date().atZone(ZoneOffset.UTC).getYear());
		document.add(new StringField(IndexFields.YEAR, year, Field.Store.NO));
		if (!source.status().isEmpty()) {
			document.add(new SortedSetDocValuesFacetField(IndexFields.STATUS, source.status()));
		}
		document.add(new SortedSetDocValuesFacetField(IndexFields.YEAR, year));
		for (String area : source.areas()) {
			document.add(new StringField(IndexFields.AREA, area, Field.Store.NO));
			document.add(new SortedSetDocValuesFacetField(IndexFields.AREA, area));
		}
		for (String affiliation : new java.util.LinkedHashSet<>(source.affiliations())) {
			document.add(new StringField(IndexFields.AFFILIATION, affiliation.toLowerCase(Locale.ROOT), Field.Store.NO));
			document.add(new SortedSetDocValuesFacetField(IndexFields.AFFILIATION, affiliation));
		}
		Map<String, String> texts = TextFields.of(source);
		for (String field : IndexFields.CONTENT) {
			String text = texts.get(field);
			if (text != null) {
				document.add(new StoredField(field, text));
				document.add(new Field(IndexFields.ALL_CONTENT, text, CONTENT_TYPE));
				document.add(new Field(IndexFields.ALL_CONTENT + IndexFields.EN, text, CONTENT_TYPE));
			}
		}
		for (String field : IndexFields.IDENTITY) {
			String text = texts.get(field);
			if (text != null) {
				document.add(new TextField(field, text, Field.Store.NO));
				document.add(new TextField(field + IndexFields.EN, text, Field.Store.NO));
			}
		}
		return facetsConfig.build(document);
	}

	/** Leftovers of rebuilds that a stop interrupted. */
	private void deleteOtherGenerations(String current) throws IOException {
		try (Stream<Path> children = Files.list(root)) {
			for (Path child : children.toList()) {
				String name = child.getFileName().toString();
				if (Files.isDirectory(child) && name.startsWith("gen-") && !name.equals(current)) {
					try (Stream<Path> files = Files.walk(child)) {
						files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
					}
				}
			}
		}
	}

	private static FieldType contentType() {
		FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
		type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
		type.freeze();
		return type;
	}

	private static String newGenerationName() {
		return "gen-" + System.currentTimeMillis() + "-" + System.nanoTime() % 1000;
	}

	private void writeCurrent(String name) throws IOException {
		Path temp = root.resolve(CURRENT + ".tmp");
		Files.writeString(temp, name, StandardCharsets.UTF_8);
		try {
			Files.move(temp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, root.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@FunctionalInterface
	private interface Write {

		void to(Generation generation) throws IOException;

	}

	@FunctionalInterface
	private interface SearcherWork<T> {

		T with(IndexSearcher searcher) throws IOException;

	}

	private record Generation(Path path, FSDirectory directory, IndexWriter writer, SearcherManager searchers) {

		static Generation open(Path path, Analyzer analyzer) throws IOException {
			Files.createDirectories(path);
			FSDirectory directory = FSDirectory.open(path);
			IndexWriter writer = new IndexWriter(directory,
					new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
			writer.setLiveCommitData(Map.of(LAYOUT_KEY, Integer.toString(IndexFields.LAYOUT)).entrySet());
			writer.commit();
			return new Generation(path, directory, writer, new SearcherManager(writer, null));
		}

		void commitAndRefresh() throws IOException {
			writer.commit();
			searchers.maybeRefreshBlocking();
		}

		void close() {
			try {
				searchers.close();
				writer.close();
				directory.close();
			}
			catch (IOException | AlreadyClosedException ex) {
				throw new SearchUnavailableException("Cannot close the search index", ex);
			}
		}

		void closeAndDelete() {
			try {
				close();
			}
			finally {
				try (Stream<Path> files = Files.walk(path)) {
					files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
				}
				catch (IOException ignored) {
					// a leftover folder is harmless: it is never named current again
				}
			}
		}
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

		@Override
		protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter,
				int cacheCharsThreshold) throws IOException {
			List<CharSequence[]> values = new ArrayList<>();
			for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
				CharSequence[] docValues = new CharSequence[fields.length];
				java.util.Arrays.fill(docValues, contents.getOrDefault(doc, ""));
				values.add(docValues);
			}
			return values;
		}
	}

	/**
	 * Lucene's passage score (BM25 of the passage's terms, favouring early passages) without the
	 * 32 KB term hash it allocates for every passage, which made most of a search's garbage.
	 */
	private static final class LeanPassageScorer extends PassageScorer {

		@Override
		public float score(Passage passage, int contentLength) {
			int matches = passage.getNumMatches();
			BytesRef[] terms = passage.getMatchTerms();
			int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
			BytesRef[] distinct = new BytesRef[matches];
			int[] freqsInPassage = new int[matches];
			int[] distinctFreqsInDoc = new int[matches];
			int size = 0;
			for (int i = 0; i < matches; i++) {
				int found = 0;
				while (found < size && !distinct[found].bytesEquals(terms[i])) {
					found++;
				}
				if (found == size) {
					distinct[size] = terms[i];
					distinctFreqsInDoc[size] = freqsInDoc[i];
					size++;
				}
				freqsInPassage[found]++;
			}
			float score = 0;
			for (int i = 0; i < size; i++) {
				score += tf(freqsInPassage[i], passage.getLength()) * weight(contentLength, distinctFreqsInDoc[i]);
			}
			return score * norm(passage.getStartOffset());
		}
	}

	/**
	 * Each passage as a snippet of its own, in text order (so the title's comes first); a long
	 * sentence is cut to about {@link #SNIPPET_LENGTH} characters around its first match.
	 */
	private static final class SeparatePassages extends PassageFormatter {

		private final DefaultPassageFormatter marks = new DefaultPassageFormatter(
				String.valueOf(Snippets.MARK_START), String.valueOf(Snippets.MARK_END), "", false);

		@Override
		public Object format(Passage[] passages, String content) {
			List<String> snippets = new ArrayList<>(passages.length);
			for (Passage passage : passages) {
				String snippet = shorten(marks.format(new Passage[] { passage }, content)
					.replace(VALUE_SEPARATOR, ' ')
					.strip());
				if (snippet.indexOf(Snippets.MARK_START) >= 0 && !snippets.contains(snippet)) {
					snippets.add(snippet);
				}
			}
			return List.copyOf(snippets);
		}

		static String shorten(String snippet) {
			if (snippet.length() <= SNIPPET_LENGTH) {
				return snippet;
			}
			int match = Math.max(0, snippet.indexOf(Snippets.MARK_START));
			int start = Math.max(0, match - SNIPPET_LENGTH / 4);
			int end = Math.min(snippet.length(), start + SNIPPET_LENGTH);
			start = wordStart(snippet, start, match);
			end = wordEnd(snippet, end);
			if (snippet.lastIndexOf(Snippets.MARK_START, end - 1) > snippet.lastIndexOf(Snippets.MARK_END, end - 1)) {
				// do not leave a match open
				int close = snippet.indexOf(Snippets.MARK_END, end);
				end = close < 0 ? snippet.length() : close + 1;
			}
			return (start > 0 ? "… " : "") + snippet.substring(start, end).strip()
					+ (end < snippet.length() ? " …" : "");
		}

		private static int wordStart(String text, int from, int limit) {
			for (int i = from; i > 0 && i > from - 20; i--) {
				if (Character.isWhitespace(text.charAt(i - 1))) {
					return i;
				}
			}
			for (int i = from; i < limit; i++) {
				if (Character.isWhitespace(text.charAt(i))) {
					return i + 1;
				}
			}
			return from;
		}

		private static int wordEnd(String text, int from) {
			for (int i = from; i < text.length() && i < from + 20; i++) {
				if (Character.isWhitespace(text.charAt(i))) {
					return i;
				}
			}
			return from;
		}
	}
}
