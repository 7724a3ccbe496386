package kr.aifellows.portal.search.elasticsearch;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Stands in for what a production Elasticsearch has but Maven Central does not publish:
 * the {@code analysis-nori} plugin ({@code nori_tokenizer} with {@code decompound_mode},
 * {@code discard_punctuation} and {@code user_dictionary_rules},
 * {@code nori_part_of_speech}, {@code nori_readingform}) and, from the
 * {@code analysis-common} module, the {@code lowercase} filter and the {@code english}
 * analyzer. Each is built from the same Lucene classes those modules use.
 */
public class TestAnalysisPlugin extends Plugin implements AnalysisPlugin {

	@Override
	public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
		return Map.of("nori_tokenizer", (indexSettings, environment, name, settings) -> {
			KoreanTokenizer.DecompoundMode mode = KoreanTokenizer.DecompoundMode
				.valueOf(settings.get("decompound_mode", "discard").toUpperCase(Locale.ROOT));
			boolean discardPunctuation = settings.getAsBoolean("discard_punctuation", true);
			List<String> rules = settings.getAsList("user_dictionary_rules", List.of());
			UserDictionary dictionary = rules.isEmpty() ? null : dictionary(rules);
			return TokenizerFactory.newFactory(name,
					() -> new KoreanTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, dictionary, mode, false,
							discardPunctuation));
		});
	}

	@Override
	public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
		return Map.of("nori_part_of_speech",
				(indexSettings, environment, name, settings) -> filter(name, KoreanPartOfSpeechStopFilter::new),
				"nori_readingform",
				(indexSettings, environment, name, settings) -> filter(name, KoreanReadingFormFilter::new), "lowercase",
				(indexSettings, environment, name, settings) -> new TokenFilterFactory() {
					@Override
					public String name() {
						return name;
					}

					@Override
					public TokenStream create(TokenStream stream) {
						return new LowerCaseFilter(stream);
					}

					@Override
					public TokenStream normalize(TokenStream stream) {
						return new LowerCaseFilter(stream);
					}
				});
	}

	@Override
	public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
		return Map.of("english", (indexSettings, environment, name, settings) -> {
			EnglishAnalyzer analyzer = new EnglishAnalyzer();
			return new AbstractIndexAnalyzerProvider<EnglishAnalyzer>(name) {
				@Override
				public EnglishAnalyzer get() {
					return analyzer;
				}
			};
		});
	}

	private static TokenFilterFactory filter(String name, UnaryOperator<TokenStream> filter) {
		return new TokenFilterFactory() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public TokenStream create(TokenStream stream) {
				return filter.apply(stream);
			}
		};
	}

	private static UserDictionary dictionary(List<String> rules) {
		try {
			return UserDictionary.open(new StringReader(String.join("\n", rules)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
