package kr.aifellows.portal.search.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kr.aifellows.portal.search.query.Analyzers;
import kr.aifellows.portal.search.query.IndexFields;

import static kr.aifellows.portal.search.elasticsearch.ElasticsearchCall.call;

/**
 * The alias that searches and writes go through, and the indices behind it: created from
 * the index definition, checked for today's layout, and swapped in one atomic alias
 * update.
 */
final class ElasticsearchIndices {

	static final String INDEX_DEFINITION = "search/elasticsearch-index.json";

	private static final DateTimeFormatter INDEX_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
		.withZone(ZoneOffset.UTC);

	private final ElasticsearchClient client;

	private final String alias;

	private final Object lock = new Object();

	private volatile boolean aliasReady;

	private volatile boolean needsRebuild;

	ElasticsearchIndices(ElasticsearchClient client, String alias) {
		this.client = client;
		this.alias = alias;
	}

	/**
	 * The index definition with the user dictionary filled in, as sent when an index is
	 * created.
	 */
	static String definition() {
		try (InputStream in = ElasticsearchIndices.class.getClassLoader().getResourceAsStream(INDEX_DEFINITION)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + INDEX_DEFINITION);
			}
			ObjectMapper mapper = new ObjectMapper();
			ObjectNode definition = (ObjectNode) mapper.readTree(in);
			ArrayNode rules = (ArrayNode) definition
				.at("/settings/analysis/tokenizer/portal_nori/user_dictionary_rules");
			rules.removeAll();
			Analyzers.userDictionaryRules().forEach(rules::add);
			return mapper.writeValueAsString(definition);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the aliased index is of another layout; asks Elasticsearch the first time.
	 */
	boolean needsRebuild() {
		target();
		return needsRebuild;
	}

	/** The alias, created with its first index if Elasticsearch has none yet. */
	String target() {
		if (!aliasReady) {
			synchronized (lock) {
				if (!aliasReady) {
					boolean exists = call(() -> client.indices().existsAlias(e -> e.name(alias))).value();
					if (!exists) {
						String first = create();
						call(() -> client.indices()
							.updateAliases(u -> u
								.actions(a -> a.add(add -> add.index(first).alias(alias).isWriteIndex(true)))));
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

	/** A new index from the definition, not yet behind the alias. */
	String create() {
		String name = alias + "-" + INDEX_SUFFIX.format(Instant.now()) + "-" + (System.nanoTime() % 1000);
		String definition = definition();
		call(() -> client.indices().create(c -> c.index(name).withJson(new StringReader(definition))));
		return name;
	}

	/** Moves the alias to a fresh index in one update; returns the indices it left. */
	List<String> moveAliasTo(String fresh) {
		call(() -> client.indices().refresh(r -> r.index(fresh)));
		List<String> old = aliasedIndices();
		call(() -> client.indices().updateAliases(update -> {
			for (String index : old) {
				update.actions(a -> a.remove(r -> r.index(index).alias(alias)));
			}
			return update.actions(a -> a.add(add -> add.index(fresh).alias(alias).isWriteIndex(true)));
		}));
		needsRebuild = false;
		return old;
	}

	void deleteAll(List<String> indices) {
		for (String index : indices) {
			call(() -> client.indices().delete(d -> d.index(index)));
		}
	}

	/** Deletes an index if it exists. */
	void delete(String index) {
		call(() -> client.indices().delete(d -> d.index(index).ignoreUnavailable(true)));
	}

	/**
	 * Whether the aliased index was created from today's definition (its mapping's
	 * layout).
	 */
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

}
