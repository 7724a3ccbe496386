package kr.aifellows.portal.search;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import kr.aifellows.portal.search.elasticsearch.ElasticsearchSearchIndex;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchSearchIndexTests extends SearchIndexContract {

	private static ElasticsearchSearchIndex index;

	@BeforeAll
	static void indexCorpus() {
		index = new ElasticsearchSearchIndex(List.of(ElasticsearchTestNode.uri()), null, null,
				"contract-" + System.nanoTime());
		index.indexAll(SearchCorpus.documents());
	}

	@AfterAll
	static void close() {
		index.close();
	}

	@Override
	SearchIndex index() {
		return index;
	}

	@Test
	void theIndexDefinitionCarriesTheUserDictionary() {
		assertThat(ElasticsearchSearchIndex.indexDefinition()).contains("강화학습 강화 학습").contains("nori_tokenizer");
	}

	@Test
	void anIndexOfAnOlderLayoutAsksForARebuild() throws Exception {
		String alias = "old-layout-" + System.nanoTime();
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(ElasticsearchTestNode.uri() + "/" + alias + "-1"))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("""
						{"mappings": {"properties": {"title": {"type": "text"}}}, "aliases": {"%s": {}}}"""
					.formatted(alias)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		try (ElasticsearchSearchIndex old = new ElasticsearchSearchIndex(List.of(ElasticsearchTestNode.uri()), null,
				null, alias)) {
			assertThat(old.needsRebuild()).isTrue();
			try (SearchIndex.Rebuild rebuild = old.rebuild()) {
				rebuild.add(SearchCorpus.documents());
				rebuild.swap();
			}
			assertThat(old.needsRebuild()).isFalse();
			assertThat(old.search(SearchQuery.chair(SearchCorpus.CALL, "강화학습")).ids()).containsExactlyInAnyOrder("1",
					"3");
		}
		assertThat(index.needsRebuild()).isFalse();
	}

	@Test
	void anUnreachableServerIsReportedDownAndSearchesFailClearly() {
		try (ElasticsearchSearchIndex down = new ElasticsearchSearchIndex(List.of("http://127.0.0.1:9"), null, null,
				"nowhere")) {
			assertThat(down.health().up()).isFalse();
			assertThat(down.needsRebuild()).as("asked at start-up, it must not throw").isFalse();
			Assertions.assertThatThrownBy(() -> down.search(SearchQuery.chair(1, "x")))
				.isInstanceOf(SearchUnavailableException.class);
		}
	}

}
