package kr.aifellows.portal.search.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.ElasticsearchTransportConfig;
import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.SearchUnavailableException;
import kr.aifellows.portal.search.query.ParsedQuery;
import kr.aifellows.portal.search.query.QueryParser;

/**
 * The Elasticsearch backend. Searches and writes go through an alias; the index behind it
 * is created from {@code search/elasticsearch-index.json} with the Nori user dictionary
 * from {@code search/userdict_ko.txt}, and a rebuild fills a new index and moves the
 * alias in one atomic alias update. Queries are built as query DSL objects from the
 * parsed query; user text only ever appears as the text of match queries.
 */
public final class ElasticsearchSearchIndex implements SearchIndex, AutoCloseable {

	public static final String INDEX_DEFINITION = ElasticsearchIndices.INDEX_DEFINITION;

	private final ElasticsearchClient client;

	private final QueryParser parser = new QueryParser();

	private final ElasticsearchIndices indices;

	private final ElasticsearchWriter writer;

	private final ElasticsearchSearch searches;

	private final ElasticsearchSimilarity similarity;

	public ElasticsearchSearchIndex(List<String> uris, String username, String password, String alias) {
		this.client = ElasticsearchClient.of(config -> {
			ElasticsearchTransportConfig.Builder builder = config.hosts(uris.stream().map(URI::create).toList());
			if (username != null && !username.isBlank()) {
				builder.usernameAndPassword(username, password == null ? "" : password);
			}
			return builder;
		});
		this.indices = new ElasticsearchIndices(client, alias);
		this.writer = new ElasticsearchWriter(client, indices);
		this.searches = new ElasticsearchSearch(client, indices);
		this.similarity = new ElasticsearchSimilarity(client, indices);
	}

	@Override
	public String backend() {
		return "elasticsearch";
	}

	@Override
	public boolean needsRebuild() {
		try {
			return indices.needsRebuild();
		}
		catch (SearchUnavailableException down) {
			// asked at start-up: a server that is down must not stop the portal from
			// starting
			return false;
		}
	}

	/**
	 * The index definition with the user dictionary filled in, as sent when an index is
	 * created.
	 */
	public static String indexDefinition() {
		return ElasticsearchIndices.definition();
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
		return searches.search(query, parsed);
	}

	@Override
	public Map<String, Double> similarity(String text, Collection<String> candidateIds) {
		if (text == null || text.isBlank() || candidateIds.isEmpty()) {
			return Map.of();
		}
		return similarity.scores(text, candidateIds);
	}

	@Override
	public Rebuild rebuild() {
		return writer.rebuild();
	}

	@Override
	public Health health() {
		try {
			var health = client.cluster().health();
			long documents = client.count(c -> c.index(indices.target())).count();
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

}
