package kr.aifellows.portal.search.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The two analyzers, built exactly like the Elasticsearch index settings
 * ({@code search/elasticsearch-index.json}) so both backends find the same documents:
 * Korean is Nori with compounds kept and split ({@code mixed}) and the AI user dictionary
 * ({@code search/userdict_ko.txt}), part-of-speech stop tags (particles, endings), lower
 * case and English stop words; English is Lucene's {@link EnglishAnalyzer} (Porter
 * stemming).
 */
public final class Analyzers {

	public static final String USER_DICTIONARY = "search/userdict_ko.txt";

	private static final List<String> USER_RULES = loadUserRules();

	private static final UserDictionary DICTIONARY = buildDictionary();

	private Analyzers() {
	}

	/**
	 * The user dictionary's entries, without comments, as Elasticsearch's
	 * {@code user_dictionary_rules}.
	 */
	public static List<String> userDictionaryRules() {
		return USER_RULES;
	}

	public static Analyzer korean() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				return koreanComponents(KoreanTokenizer.DecompoundMode.MIXED, false);
			}

			@Override
			protected TokenStream normalize(String fieldName, TokenStream in) {
				return new LowerCaseFilter(in);
			}
		};
	}

	/**
	 * How {@link Glossary} compares terms: Nori with compounds split into their parts
	 * only ({@code discard}, so 강화학습 and 강화 학습 are the same parts), without particles and
	 * endings, lower case, English stop words dropped and plurals folded (not stemmed:
	 * transformer must not meet transform).
	 */
	public static Analyzer glossaryKeys() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				return koreanComponents(KoreanTokenizer.DecompoundMode.DISCARD, true);
			}
		};
	}

	private static Analyzer.TokenStreamComponents koreanComponents(KoreanTokenizer.DecompoundMode mode,
			boolean foldPlurals) {
		Tokenizer tokenizer = new KoreanTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, DICTIONARY, mode, false,
				true);
		TokenStream stream = new KoreanPartOfSpeechStopFilter(tokenizer);
		stream = new KoreanReadingFormFilter(stream);
		stream = new LowerCaseFilter(stream);
		stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
		if (foldPlurals) {
			stream = new EnglishMinimalStemFilter(stream);
		}
		return new Analyzer.TokenStreamComponents(tokenizer, stream);
	}

	public static Analyzer english() {
		return new EnglishAnalyzer();
	}

	/**
	 * Korean for plain field names, English for names ending in {@link IndexFields#EN};
	 * the values of a multi-valued field are {@link IndexFields#VALUE_GAP} positions
	 * apart, as in Elasticsearch.
	 */
	public static Analyzer perField() {
		Analyzer korean = korean();
		Analyzer english = english();
		return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
			@Override
			protected Analyzer getWrappedAnalyzer(String fieldName) {
				return fieldName.endsWith(IndexFields.EN) ? english : korean;
			}

			@Override
			public int getPositionIncrementGap(String fieldName) {
				return IndexFields.VALUE_GAP;
			}
		};
	}

	/**
	 * Whether the text yields any term in either analysis (not only stop words or
	 * punctuation).
	 */
	public static boolean hasTerms(Map<String, Analyzer> analyzers, String text) {
		for (Analyzer analyzer : analyzers.values()) {
			try (TokenStream stream = analyzer.tokenStream("probe", new StringReader(text))) {
				CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
				stream.reset();
				boolean any = stream.incrementToken() && term.length() > 0;
				stream.end();
				if (any) {
					return true;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return false;
	}

	private static List<String> loadUserRules() {
		try (InputStream in = Analyzers.class.getClassLoader().getResourceAsStream(USER_DICTIONARY)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + USER_DICTIONARY);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static UserDictionary buildDictionary() {
		try (Reader reader = new StringReader(String.join("\n", USER_RULES))) {
			return UserDictionary.open(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
