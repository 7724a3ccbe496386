package kr.aifellows.portal.search;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import kr.aifellows.portal.search.query.Analyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the Korean and English analyses split text; relevance depends on these terms.
 */
class AnalysisTests {

	@Test
	void koreanDropsParticlesAndEndings() throws IOException {
		assertThat(terms(Analyzers.korean(), "모델을")).containsExactly("모델");
		assertThat(terms(Analyzers.korean(), "데이터셋에서")).containsExactly("데이터셋");
	}

	@Test
	void koreanKeepsCompoundsAndTheirParts() throws IOException {
		assertThat(terms(Analyzers.korean(), "강화학습을")).containsExactly("강화학습", "강화", "학습");
		assertThat(terms(Analyzers.korean(), "강화 학습")).containsExactly("강화", "학습");
	}

	@Test
	void theUserDictionaryTeachesAiTerms() throws IOException {
		assertThat(terms(Analyzers.korean(), "파인튜닝")).containsExactly("파인튜닝", "파인", "튜닝");
		assertThat(terms(Analyzers.korean(), "거대언어모델")).contains("거대언어모델", "언어", "모델");
		assertThat(Analyzers.userDictionaryRules()).contains("강화학습 강화 학습").noneMatch(rule -> rule.startsWith("#"));
	}

	@Test
	void englishIsStemmedAndStopWordsGo() throws IOException {
		assertThat(terms(Analyzers.english(), "Training the trained models")).containsExactly("train", "train",
				"model");
		assertThat(terms(Analyzers.korean(), "the LLM")).containsExactly("llm");
	}

	private static List<String> terms(Analyzer analyzer, String text) throws IOException {
		List<String> terms = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("field", new StringReader(text))) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		return terms;
	}

}
