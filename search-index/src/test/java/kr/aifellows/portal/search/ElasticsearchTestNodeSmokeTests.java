package kr.aifellows.portal.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import kr.aifellows.portal.search.elasticsearch.ElasticsearchSearchIndex;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchTestNodeSmokeTests {

	@Test
	void startsAndAnswers() {
		ElasticsearchSearchIndex index = new ElasticsearchSearchIndex(List.of(ElasticsearchTestNode.uri()), null, null, "smoke");
		assertThat(index.health().up()).isTrue();
	}
}
