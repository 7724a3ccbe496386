package kr.aifellows.portal.search.query;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import kr.aifellows.portal.search.SearchQuery;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlossaryTests {

	private final Glossary glossary = Glossary.standard();

	private final QueryParser parser = new QueryParser();

	@Test
	void theFileIsReviewableAndReadableAsSynonyms() throws Exception {
		assertThat(glossary.size()).isGreaterThanOrEqualTo(300);
		// the format Elasticsearch's synonym_graph filter reads (synonyms_path)
		SolrSynonymParser solr = new SolrSynonymParser(true, true, new StandardAnalyzer());
		try (var reader = new InputStreamReader(Glossary.class.getClassLoader().getResourceAsStream(Glossary.FILE),
				StandardCharsets.UTF_8)) {
			solr.parse(reader);
		}
		SynonymMap map = solr.build();
		assertThat(map.words.size()).isGreaterThan(600);
	}

	@Test
	void everyLineHasTermsThatDifferOnceAnalysed() throws Exception {
		try (var reader = new BufferedReader(new InputStreamReader(
				Glossary.class.getClassLoader().getResourceAsStream(Glossary.FILE), StandardCharsets.UTF_8))) {
			for (String line : reader.lines()
				.map(String::strip)
				.filter(l -> !l.isEmpty() && !l.startsWith("#"))
				.toList()) {
				String first = line.split(",")[0].strip();
				assertThat(glossary.alternatives(glossary.tokens(first))).as(line).isNotEmpty();
			}
		}
	}

	@Test
	void termsMatchWhateverTheirParticlesSpacesCaseOrPlural() {
		assertThat(glossary.tokens("강화학습을")).isEqualTo(glossary.tokens("강화 학습"));
		assertThat(glossary.alternatives(glossary.tokens("Transformers"))).containsExactly("트랜스포머");
		assertThat(glossary.alternatives(glossary.tokens("rl"))).containsExactly("강화학습", "reinforcement learning");
		assertThat(glossary.alternatives(glossary.tokens("transform"))).isEmpty();
		assertThat(glossary.alternatives(glossary.tokens("추론"))).containsExactly("inference", "reasoning");
		assertThat(glossary.alternatives(glossary.tokens("inference"))).containsExactly("추론");
	}

	@Test
	void wordsThatMakeOneTermAreWidenedTogether() {
		ParsedQuery parsed = parser
			.parse(SearchQuery.chair(1, "deep reinforcement learning -robot \"vision transformers\""));
		assertThat(parsed.groups()).extracting(ParsedQuery.Group::text)
			.containsExactly("deep reinforcement learning", "robot", "vision transformers");
		assertThat(parsed.groups().get(0).alternatives()).contains("심층 강화학습", "deep RL");
		assertThat(parsed.groups().get(1).negated()).isTrue();
		assertThat(parsed.groups().get(1).alternatives()).containsExactly("로봇");
		assertThat(parsed.groups().get(2).alternatives()).contains("비전 트랜스포머");
		assertThat(parser.parse(SearchQuery.chair(1, "홍길동 documents")).widened()).isEmpty();
	}

	@Test
	void termsInsideAWordOrPhraseAreReplacedOneByOne() {
		assertThat(glossary.rewrite("GPU스케줄링을")).contains("GPU scheduling", "graphics processing unit 스케줄링");
		assertThat(glossary.rewrite("sparse transformers")).containsExactly("sparse 트랜스포머");
		assertThat(glossary.rewrite("nothing here")).isEmpty();
	}

}
