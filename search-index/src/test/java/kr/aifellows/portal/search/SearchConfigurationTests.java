package kr.aifellows.portal.search;

import kr.aifellows.portal.search.elasticsearch.ElasticsearchSearchIndex;
import kr.aifellows.portal.search.lucene.LuceneSearchIndex;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code portal.search.*} picks the backend.
 */
class SearchConfigurationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(SearchConfiguration.class)
		.withPropertyValues("portal.search.directory=target/search-index-tests/configuration-" + System.nanoTime());

	@Test
	void embeddedLuceneByDefault() {
		context.run(run -> {
			assertThat(run.getBean(SearchIndex.class)).isInstanceOf(LuceneSearchIndex.class);
			assertThat(run.getBean(HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void elasticsearchWhenAskedForWithAnAddress() {
		context
			.withPropertyValues("portal.search.backend=elasticsearch",
					"spring.elasticsearch.uris=" + ElasticsearchTestNode.uri(), "portal.search.index=configured")
			.run(run -> {
				SearchIndex index = run.getBean(SearchIndex.class);
				assertThat(index).isInstanceOf(ElasticsearchSearchIndex.class);
				assertThat(index.search(SearchQuery.chair(1, "")).total()).isZero();
				assertThat(run.getBean(HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void elasticsearchWithoutAnAddressIsAStartupError() {
		context.withPropertyValues("portal.search.backend=elasticsearch")
			.run(run -> assertThat(run).getFailure()
				.hasRootCauseMessage(
						"portal.search.backend=elasticsearch needs spring.elasticsearch.uris (or portal.search.uris)"));
	}

}
