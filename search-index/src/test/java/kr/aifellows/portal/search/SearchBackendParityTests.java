package kr.aifellows.portal.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.search.elasticsearch.ElasticsearchSearchIndex;
import kr.aifellows.portal.search.lucene.LuceneSearchIndex;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same corpus in both backends gives the same hits, totals and facets for the same query,
 * in every scope (chair, reviewer, blind).
 */
class SearchBackendParityTests {

	private static LuceneSearchIndex lucene;

	private static ElasticsearchSearchIndex elasticsearch;

	@BeforeAll
	static void indexBoth() {
		lucene = new LuceneSearchIndex(Path.of("target", "search-index-tests", "parity-" + System.nanoTime()));
		elasticsearch = new ElasticsearchSearchIndex(List.of(ElasticsearchTestNode.uri()), null, null,
				"parity-" + System.nanoTime());
		lucene.indexAll(SearchCorpus.documents());
		elasticsearch.indexAll(SearchCorpus.documents());
	}

	@AfterAll
	static void close() {
		lucene.close();
		elasticsearch.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "모델을", "모델", "강화학습", "강화 학습", "학습", "언어모델", "training", "trains", "models",
			"recognition", "reinforcement 로봇", "\"vision transformers\"", "\"강화 학습\"", "강화학습 -로봇", "-모델",
			"area:SPEECH", "status:SUBMITTED attention", "affiliation:KAIST", "홍길동", "kaist", "the of and",
			"\"unbalanced quote", "<script>alert(1)</script>", "정책을 학습한다", "drug discovery", "정렬", "script",
			"Gildong", "0000-0002-1825-0097", "hong@kaist.ac.kr", "affiliation:kaist", "소속:\"seoul national university\"",
			"year:2025", "-연도:2026 model", "\"transformers we trained\"", "\"we trained models\"", "인간 피드백 정책" })
	void bothBackendsAgree(String text) {
		for (SearchQuery query : List.of(SearchQuery.chair(SearchCorpus.CALL, text),
				SearchQuery.chair(SearchCorpus.CALL, text).withSort(SearchQuery.Sort.DATE),
				SearchQuery.reviewer(SearchCorpus.CALL, text, Set.of("1", "3", "4"), true),
				SearchQuery.reviewer(SearchCorpus.CALL, text, Set.of("2", "5"), false))) {
			SearchResults fromLucene = lucene.search(query);
			SearchResults fromElasticsearch = elasticsearch.search(query);
			assertThat(fromElasticsearch.problem()).as("problem for %s", query).isEqualTo(fromLucene.problem());
			assertThat(fromElasticsearch.total()).as("total for %s", query).isEqualTo(fromLucene.total());
			assertThat(Set.copyOf(fromElasticsearch.ids())).as("hits for %s", query)
				.isEqualTo(Set.copyOf(fromLucene.ids()));
			if (query.sort() == SearchQuery.Sort.DATE) {
				assertThat(fromElasticsearch.ids()).as("order for %s", query).isEqualTo(fromLucene.ids());
			}
			assertThat(fromElasticsearch.facets()).as("facets for %s", query).isEqualTo(fromLucene.facets());
		}
	}
}
