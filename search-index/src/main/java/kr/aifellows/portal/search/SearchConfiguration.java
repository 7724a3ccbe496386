package kr.aifellows.portal.search;

import java.util.List;

import kr.aifellows.portal.search.elasticsearch.ElasticsearchSearchIndex;
import kr.aifellows.portal.search.lucene.LuceneSearchIndex;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

	@Bean
	SearchIndex searchIndex(SearchProperties properties,
			@Value("${spring.elasticsearch.uris:}") List<String> springUris,
			@Value("${spring.elasticsearch.username:}") String springUsername,
			@Value("${spring.elasticsearch.password:}") String springPassword) {
		if (properties.backend() == SearchProperties.Backend.ELASTICSEARCH) {
			List<String> uris = properties.uris() != null && !properties.uris().isEmpty() ? properties.uris()
					: springUris.stream().filter(uri -> !uri.isBlank()).toList();
			if (uris.isEmpty()) {
				throw new IllegalStateException(
						"portal.search.backend=elasticsearch needs spring.elasticsearch.uris (or portal.search.uris)");
			}
			String username = properties.username() != null ? properties.username() : springUsername;
			String password = properties.password() != null ? properties.password() : springPassword;
			return new ElasticsearchSearchIndex(uris, username, password, properties.index());
		}
		return new LuceneSearchIndex(properties.directory());
	}

	@Bean
	SearchHealthIndicator searchHealthIndicator(SearchIndex searchIndex) {
		return new SearchHealthIndicator(searchIndex);
	}

}
