package kr.aifellows.portal.search.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Highlight;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.ElasticsearchTransportConfig;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.SearchUnavailableException;
import kr.aifellows.portal.search.Snippets;
import kr.aifellows.portal.search.query.Analyzers;
import kr.aifellows.portal.search.query.IndexFields;
import kr.aifellows.portal.search.query.Glossary;
import kr.aifellows.portal.search.query.ParsedQuery;
import kr.aifellows.portal.search.query.QueryParser;
import kr.aifellows.portal.search.query.TextFields;

/**
 * The Elasticsearch backend. Searches and writes go through an alias; the index behind it is
 * created from {@code search/elasticsearch-index.json} with the Nori user dictionary from
 * {@code search/userdict_ko.txt}, and a rebuild fills a new index and moves the alias in one
 * atomic alias update. Queries are built as query DSL objects from the parsed query; user text
 * only ever appears as the text of match queries.
 */
public final class ElasticsearchSearchIndex implements SearchIndex, AutoCloseable {

	public static final String INDEX_DEFINITION = "search/elasticsearch-index.json";

	/** The English subfield of each text field ({@code title.en}). */
	private static final String EN = ".en";

	private static final int SNIPPETS_PER_HIT = 3;

	private static final int MAX_FACET_VALUES = 50;

	private static final DateTimeFormatter INDEX_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
		.withZone(ZoneOffset.UTC);

	private final ElasticsearchClient client;

	private final String alias;

	private final QueryParser parser = new QueryParser();

	private final Object writeLock = new Object();

	private volatile boolean aliasReady;

	private volatile String building;

	private volatile boolean needsRebuild;

	public ElasticsearchSearchIndex(List<String> uris, String username, String password, String alias) {
		this.alias = alias;
		this.client = ElasticsearchClient.of(config -> {
			ElasticsearchTransportConfig.Builder builder = config.hosts(uris.stream().map(URI::create).toList());
			if (username != null && !username.isBlank()) {
				builder.usernameAndPassword(username, password == null ? "" : password);
			}
			return builder;
		});
	}

	@Override
	public String backend() {
		return "elasticsearch";
	}

	@Override
	public boolean needsRebuild() {
		try {
			target();
		}
		catch (SearchUnavailableException down) {
			// asked at start-up: a server that is down must not stop the portal from starting
			return false;
		}
		return needsRebuild;
	}

	/** The index definition with the user dictionary filled in, as sent when an index is created. */
	public static String indexDefinition() {
		try (InputStream in = ElasticsearchSearchIndex.class.getClassLoader().getResourceAsStream(INDEX_DEFINITION)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + INDEX_DEFINITION);
			}
			ObjectMapper mapper = new ObjectMapper();
			ObjectNode definition = (ObjectNode) mapper.readTree(in);
			ArrayNode rules = (ArrayNode) definition.at("/settings/analysis/tokenizer/portal_nori/user_dictionary_rules");
			rules.removeAll();
			Analyzers.userDictionaryRules().forEach(rules::add);
			return mapper.writeValueAsString(definition);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void index(SearchDocument document) {
		indexAll(List.of(document));
	}

	@Override
	public void indexAll(Collection<SearchDocument> documents) {
		if (documents.isEmpty()) {
			return;
		}
		synchronized (writeLock) {
			bulk(target(), documents, true);
			String rebuilding = building;
			if (rebuilding != null) {
				bulk(rebuilding, documents, false);
			}
		}
	}

	@Override
	public void remove(String id) {
		synchronized (writeLock) {
			call(() -> client.delete(delete -> delete.index(target()).id(id).refresh(Refresh.True)));
			String rebuilding = building;
			if (rebuilding != null) {
				call(() -> client.delete(delete -> delete.index(rebuilding).id(id)));
			}
		}
	}

	private void bulk(String index, Collection<SearchDocument> documents, boolean refresh) {
		BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(refresh ? Refresh.True : Refresh.False);
		for (SearchDocument document : documents) {
			Map<String, Object> source = source(document);
			bulk.operations(operation -> operation.index(write -> write.index(index).id(document.id()).document(source)));
		}
		BulkResponse response = call(() -> client.bulk(bulk.build()));
		if (response.errors()) {
			String reason = response.items()
				.stream()
				.filter(item -> item.error() != null)
				.map(item -> item.id() + ": " + item.error().reason())
				.findFirst()
				.orElse("unknown");
			throw new SearchUnavailableException("Elasticsearch refused documents: " + reason, null);
		}
	}

	private static Map<String, Object> source(SearchDocument document) {
		Map<String, Object> source = new LinkedHashMap<>();
		source.put(IndexFields.ID, document.id());
		source.put(IndexFields.CALL, Long.toString(document.callId()));
		source.put(IndexFields.STATUS, document.status());
		source.put(IndexFields.AREA, List.copyOf(document.areas()));
		source.put(IndexFields.AFFILIATION, List.copyOf(new LinkedHashSet<>(document.affiliations())));
		source.put(IndexFields.YEAR, Integer.toString(document.date().atZone(ZoneOffset.UTC).getYear()));
		source.put(IndexFields.DATE, document.date().toEpochMilli());
		source.putAll(TextFields.of(document));
		return source;
	}

	@Override
	public SearchResults search(SearchQuery query) {
		ParsedQuery parsed = parser.parse(query);
		if (parsed.isRefused()) {
			return SearchResults.problem(query, parsed.problem());
		}
		List<String> textFields = IndexFields.withEnglish(IndexFields.searchable(query.blind()), EN);
		Query esQuery = toQuery(query, parsed, textFields);
		Map<String, HighlightField> highlighted = new LinkedHashMap<>();
		for (String field : IndexFields.withEnglish(IndexFields.CONTENT, EN)) {
			highlighted.put(field, HighlightField.of(h -> h.numberOfFragments(2).fragmentSize(160)));
		}
		Map<String, Aggregation> aggregations = new LinkedHashMap<>();
		for (String facet : SearchResults.FACETS) {
			if (query.blind() && facet.equals(IndexFields.AFFILIATION)) {
				continue;
			}
			aggregations.put(facet, Aggregation.of(a -> a.terms(t -> t.field(facet).size(MAX_FACET_VALUES))));
		}
		SearchRequest.Builder request = new SearchRequest.Builder().index(target())
			.query(esQuery)
			.from(query.page() * query.size())
			.size(query.size())
			.trackTotalHits(t -> t.enabled(true))
			.source(s -> s.filter(f -> f.includes(IndexFields.ID, IndexFields.TITLE, IndexFields.STATUS,
					IndexFields.DATE)))
			// the query searches the catch-all content field; its words are marked in each content field
			.highlight(Highlight.of(h -> h.preTags(String.valueOf(Snippets.MARK_START))
				.postTags(String.valueOf(Snippets.MARK_END))
				.requireFieldMatch(false)
				.fields(highlighted.entrySet().stream().map(e -> NamedValue.of(e.getKey(), e.getValue())).toList())))
			.aggregations(aggregations);
		if (query.sort() == SearchQuery.Sort.DATE) {
			request.sort(s -> s.field(f -> f.field(IndexFields.DATE).order(SortOrder.Desc)))
				.sort(s -> s.field(f -> f.field(IndexFields.ID).order(SortOrder.Asc)));
		}
		else {
			request.sort(s -> s.score(sc -> sc.order(SortOrder.Desc)))
				.sort(s -> s.field(f -> f.field(IndexFields.DATE).order(SortOrder.Desc)))
				.sort(s -> s.field(f -> f.field(IndexFields.ID).order(SortOrder.Asc)));
		}
		@SuppressWarnings("rawtypes")
		SearchResponse<Map> response = call(() -> client.search(request.build(), Map.class));
		List<SearchResults.Hit> hits = new ArrayList<>();
		for (var hit : response.hits().hits()) {
			Map<?, ?> source = hit.source() == null ? Map.of() : hit.source();
			Set<String> snippets = new LinkedHashSet<>();
			for (String field : highlighted.keySet()) {
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
		Map<String, List<SearchResults.FacetCount>> facets = new LinkedHashMap<>();
		for (String facet : aggregations.keySet()) {
			Aggregate aggregate = response.aggregations().get(facet);
			List<SearchResults.FacetCount> values = new ArrayList<>();
			if (aggregate != null && aggregate.isSterms()) {
				for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
					values.add(new SearchResults.FacetCount(bucket.key().stringValue(), bucket.docCount()));
				}
			}
			facets.put(facet, List.copyOf(values));
		}
		long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
		return new SearchResults(total, hits, facets, query.page(), query.size(), null, parsed.widened());
	}

	private static Query toQuery(SearchQuery query, ParsedQuery parsed, List<String> textFields) {
		BoolQuery.Builder bool = new BoolQuery.Builder();
		bool.filter(f -> f.term(t -> t.field(IndexFields.CALL).value(Long.toString(query.callId()))));
		if (query.allowedIds() != null) {
			List<FieldValue> ids = query.allowedIds().stream().map(FieldValue::of).toList();
			bool.filter(f -> f.terms(t -> t.field(IndexFields.ID).terms(v -> v.value(ids))));
		}
		for (ParsedQuery.Filter filter : parsed.filters()) {
			boolean ignoreCase = filter.field().equals(IndexFields.AFFILIATION);
			Query term = Query.of(q -> q.term(t -> t.field(filter.field()).value(filter.value())
				.caseInsensitive(ignoreCase ? Boolean.TRUE : null)));
			if (filter.negated()) {
				bool.mustNot(term);
			}
			else {
				bool.filter(term);
			}
		}
		for (ParsedQuery.Group group : parsed.groups()) {
			Query any = toQuery(group, textFields);
			if (group.negated()) {
				bool.mustNot(any);
			}
			else {
				bool.must(any);
			}
		}
		if (parsed.positive().isEmpty()) {
			bool.must(m -> m.matchAll(all -> all));
		}
		return Query.of(q -> q.bool(bool.build()));
	}

	/**
	 * The clauses as typed, each in any field; widened by the glossary, also any alternative as a
	 * phrase, with exact matches a tier above ({@link Glossary#EXACT_BONUS}), as in the embedded
	 * backend.
	 */
	private static Query toQuery(ParsedQuery.Group group, List<String> textFields) {
		List<Query> exact = new ArrayList<>();
		for (ParsedQuery.Clause clause : group.clauses()) {
			BoolQuery.Builder anyField = new BoolQuery.Builder().minimumShouldMatch("1");
			for (String field : textFields) {
				if (clause.phrase()) {
					anyField.should(s -> s.matchPhrase(m -> m.field(field).query(clause.text())));
				}
				else {
					anyField.should(s -> s.match(m -> m.field(field)
						.query(clause.text())
						.operator(Operator.And)
						.autoGenerateSynonymsPhraseQuery(false)));
				}
			}
			exact.add(Query.of(q -> q.bool(anyField.build())));
		}
		Query typed = exact.size() == 1 ? exact.get(0) : Query.of(q -> q.bool(b -> b.must(exact)));
		if (group.alternatives().isEmpty()) {
			return typed;
		}
		BoolQuery.Builder alternatives = new BoolQuery.Builder().minimumShouldMatch("1")
			.boost(Glossary.SYNONYM_WEIGHT);
		for (String alternative : group.alternatives()) {
			for (String field : textFields) {
				alternatives.should(s -> s.matchPhrase(m -> m.field(field).query(alternative)));
			}
		}
		Query widened = Query.of(q -> q.bool(alternatives.build()));
		return Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
			.should(typed)
			.should(s -> s.constantScore(c -> c.filter(typed).boost(Glossary.EXACT_BONUS)))
			.should(widened)));
	}

	@Override
	public Map<String, Double> similarity(String text, Collection<String> candidateIds) {
		if (text == null || text.isBlank() || candidateIds.isEmpty()) {
			return Map.of();
		}
		List<String> fields = IndexFields.withEnglish(List.of(IndexFields.ALL_CONTENT), EN);
		List<FieldValue> ids = candidateIds.stream().map(FieldValue::of).toList();
		Query like = Query.of(q -> q.moreLikeThis(m -> m.fields(fields)
			.like(l -> l.text(text))
			.minTermFreq(1)
			.minDocFreq(1)
			.maxQueryTerms(50)
			.minimumShouldMatch("1")));
		@SuppressWarnings("rawtypes")
		SearchResponse<Map> scored = call(() -> client.search(s -> s.index(target())
			.query(q -> q.bool(b -> b.must(like).filter(f -> f.terms(t -> t.field(IndexFields.ID).terms(v -> v.value(ids))))))
			.size(candidateIds.size())
			.source(src -> src.fetch(false)), Map.class));
		@SuppressWarnings("rawtypes")
		SearchResponse<Map> indexed = call(() -> client.search(s -> s.index(target())
			.query(q -> q.terms(t -> t.field(IndexFields.ID).terms(v -> v.value(ids))))
			.size(candidateIds.size())
			.source(src -> src.fetch(false)), Map.class));
		Map<String, Double> scores = new LinkedHashMap<>();
		scored.hits().hits().forEach(hit -> scores.put(hit.id(), hit.score() == null ? 0.0 : hit.score()));
		indexed.hits().hits().forEach(hit -> scores.putIfAbsent(hit.id(), 0.0));
		return scores;
	}

	@Override
	public Rebuild rebuild() {
		String fresh;
		synchronized (writeLock) {
			if (building != null) {
				throw new IllegalStateException("A rebuild is already running");
			}
			target();
			fresh = createIndex();
			building = fresh;
		}
		return new Rebuild() {

			private boolean swapped;

			@Override
			public void add(Collection<SearchDocument> documents) {
				if (!documents.isEmpty()) {
					bulk(fresh, documents, false);
				}
			}

			@Override
			public void swap() {
				synchronized (writeLock) {
					call(() -> client.indices().refresh(r -> r.index(fresh)));
					List<String> old = aliasedIndices();
					call(() -> client.indices().updateAliases(update -> {
						for (String index : old) {
							update.actions(a -> a.remove(r -> r.index(index).alias(alias)));
						}
						return update.actions(a -> a.add(add -> add.index(fresh).alias(alias).isWriteIndex(true)));
					}));
					building = null;
					swapped = true;
					needsRebuild = false;
					for (String index : old) {
						call(() -> client.indices().delete(d -> d.index(index)));
					}
				}
			}

			@Override
			public void close() {
				synchronized (writeLock) {
					if (swapped) {
						return;
					}
					if (fresh.equals(building)) {
						building = null;
					}
					call(() -> client.indices().delete(d -> d.index(fresh).ignoreUnavailable(true)));
				}
			}
		};
	}

	@Override
	public Health health() {
		try {
			var health = client.cluster().health();
			long documents = client.count(c -> c.index(target())).count();
			boolean up = !"red".equalsIgnoreCase(health.status().jsonValue());
			return new Health(up, "elasticsearch cluster " + health.clusterName() + " " + health.status().jsonValue(),
					documents);
		}
		catch (IOException | RuntimeException ex) {
			return new Health(false, String.valueOf(ex.getMessage()), 0);
		}
	}

	@Override
	public void close() {
		try {
			ElasticsearchTransport transport = client._transport();
			transport.close();
		}
		catch (IOException ignored) {
			// nothing left to release
		}
	}

	/** The alias, created with its first index if Elasticsearch has none yet. */
	private String target() {
		if (!aliasReady) {
			synchronized (writeLock) {
				if (!aliasReady) {
					boolean exists = call(() -> client.indices().existsAlias(e -> e.name(alias))).value();
					if (!exists) {
						String first = createIndex();
						call(() -> client.indices()
							.updateAliases(u -> u.actions(a -> a.add(add -> add.index(first).alias(alias).isWriteIndex(true)))));
					}
					else {
						needsRebuild = !hasCurrentLayout();
					}
					aliasReady = true;
				}
			}
		}
		return alias;
	}

	private String createIndex() {
		String name = alias + "-" + INDEX_SUFFIX.format(Instant.now()) + "-" + (System.nanoTime() % 1000);
		String definition = indexDefinition();
		call(() -> client.indices().create(c -> c.index(name).withJson(new StringReader(definition))));
		return name;
	}

	/** Whether the aliased index was created from today's definition (its mapping's layout). */
	private boolean hasCurrentLayout() {
		var mappings = call(() -> client.indices().getMapping(m -> m.index(alias))).mappings().values();
		return mappings.stream().allMatch(mapping -> {
			var layout = mapping.mappings().meta().get("layout");
			return layout != null && layout.to(Integer.class) == IndexFields.LAYOUT;
		});
	}

	private List<String> aliasedIndices() {
		GetAliasResponse response = call(() -> client.indices().getAlias(g -> g.name(alias)));
		return List.copyOf(response.aliases().keySet());
	}

	private <T> T call(EsCall<T> call) {
		try {
			return call.run();
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof SearchUnavailableException unavailable) {
				throw unavailable;
			}
			throw new SearchUnavailableException("Elasticsearch failed: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface EsCall<T> {

		T run() throws IOException;

	}
}
