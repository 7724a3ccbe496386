package kr.aifellows.portal.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.search.elasticsearch.ElasticsearchSearchIndex;
import kr.aifellows.portal.search.lucene.LuceneSearchIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same corpus in both backends gives the same hits, totals and facets for the same
 * query, in every scope (chair, reviewer, blind).
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
		lucene.indexAll(SearchCorpus.bilingual());
		elasticsearch.indexAll(SearchCorpus.bilingual());
	}

	@AfterAll
	static void close() {
		lucene.close();
		elasticsearch.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "모델을", "모델", "강화학습", "강화 학습", "학습", "언어모델", "training", "trains", "models",
			"recognition", "reinforcement 로봇", "\"vision transformers\"", "\"강화 학습\"", "강화학습 -로봇", "-모델", "area:SPEECH",
			"status:SUBMITTED attention", "affiliation:KAIST", "홍길동", "kaist", "the of and", "\"unbalanced quote",
			"<script>alert(1)</script>", "정책을 학습한다", "drug discovery", "정렬", "script", "Gildong", "0000-0002-1825-0097",
			"hong@kaist.ac.kr", "affiliation:kaist", "소속:\"seoul national university\"", "year:2025", "-연도:2026 model",
			"\"transformers we trained\"", "\"we trained models\"", "인간 피드백 정책" })
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

	/**
	 * The glossary widens a query to the other language on both backends alike: the hits
	 * as listed, the first one (where given) matched in the words typed, and the widening
	 * reported.
	 */
	@ParameterizedTest(name = "{0} finds {1}")
	@CsvSource(delimiter = '|', textBlock = """
			transformers                  | 31 32       | 32 | en -> ko
			트랜스포머를                    | 31 32       | 31 | ko -> en, with a particle
			GPU 스케줄링                    | 33          |    | ko -> en inside a mixed query
			RL                            | 34 35 40    | 35 | abbreviation -> Korean and English full terms
			reinforcement learning        | 34 35 40    | 40 | two typed words as one term
			자기 지도 학습                  | 36 37       | 37 | spaced Korean compound -> English
			self-supervised learning      | 36 37       | 36 | en -> ko
			LLM 환각                       | 38 39       | 38 | abbreviation and a Korean word
			large language models         | 38 39       | 39 | plural
			"point cloud"                 | 36 37       | 36 | a phrase finds the Korean term
			"point clouds learning"       |             |    | a phrase is still a phrase
			"cloud point"                 |             |    | word order still counts
			RL -robot                     | 40          |    | an exclusion excludes both languages
			점군 -"self-supervised"        | 37          |    | an exclusion as a phrase
			-트랜스포머 -점군 -로봇 -환각 -RL    | 33    |    | exclusions only, each in both languages
			""")
	void theGlossaryFindsTheOtherLanguageOnBothBackends(String text, String expected, String first, String what) {
		Set<String> expectedIds = expected == null ? Set.of() : Set.of(expected.split(" "));
		SearchQuery query = SearchQuery.chair(SearchCorpus.BILINGUAL_CALL, text);
		for (SearchIndex index : List.<SearchIndex>of(lucene, elasticsearch)) {
			SearchResults results = index.search(query);
			assertThat(results.problem()).as("%s on %s", text, index.backend()).isNull();
			assertThat(Set.copyOf(results.ids())).as("%s (%s) on %s", text, what, index.backend())
				.isEqualTo(expectedIds);
			if (first != null) {
				assertThat(results.ids().get(0)).as("first hit of %s on %s", text, index.backend()).isEqualTo(first);
			}
		}
		assertThat(elasticsearch.search(query).widened()).isEqualTo(lucene.search(query).widened());
	}

	@Test
	void theResultsSayWhatWasWidened() {
		SearchResults widened = lucene.search(SearchQuery.chair(SearchCorpus.BILINGUAL_CALL, "transformers 요약"));
		assertThat(widened.widened()).containsExactly("transformers → 트랜스포머", "요약 → summarization");
		assertThat(elasticsearch.search(SearchQuery.chair(SearchCorpus.BILINGUAL_CALL, "transformers 요약")).widened())
			.isEqualTo(widened.widened());
		assertThat(lucene.search(SearchQuery.chair(SearchCorpus.BILINGUAL_CALL, "documents")).widened()).isEmpty();
	}

}
