package kr.aifellows.portal.search;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.search.*}: which backend holds the index and where.
 *
 * @param backend {@code lucene} (embedded, the default) or {@code elasticsearch}
 * @param directory the embedded index's folder
 * @param index the Elasticsearch alias that searches and writes go through (indices are
 * named {@code <index>-<timestamp>})
 * @param uris Elasticsearch addresses (defaults to {@code spring.elasticsearch.uris})
 * @param username, password optional Elasticsearch credentials
 */
@ConfigurationProperties("portal.search")
public record SearchProperties(@DefaultValue("lucene") Backend backend,
		@DefaultValue("data/search-index") Path directory, @DefaultValue("portal-applications") String index,
		List<String> uris, String username, String password) {

	public enum Backend {

		LUCENE, ELASTICSEARCH

	}
}
