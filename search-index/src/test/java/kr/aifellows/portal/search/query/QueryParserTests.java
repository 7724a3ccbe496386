package kr.aifellows.portal.search.query;

import java.util.List;

import kr.aifellows.portal.search.SearchQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryParserTests {

	private final QueryParser parser = new QueryParser();

	private ParsedQuery parse(String text) {
		return parser.parse(SearchQuery.chair(1, text));
	}

	@Test
	void wordsPhrasesExclusionsAndFilters() {
		ParsedQuery parsed = parse(
				"강화학습 \"vision transformers\" -로봇 area:nlp 상태:submitted affiliation:\"Seoul National University\" year:2025 -연도:2024");
		assertThat(parsed.clauses()).containsExactly(new ParsedQuery.Clause("강화학습", false, false),
				new ParsedQuery.Clause("vision transformers", true, false), new ParsedQuery.Clause("로봇", false, true));
		assertThat(parsed.filters()).containsExactly(new ParsedQuery.Filter("area", "NLP", false),
				new ParsedQuery.Filter("status", "SUBMITTED", false),
				new ParsedQuery.Filter("affiliation", "seoul national university", false),
				new ParsedQuery.Filter("year", "2025", false), new ParsedQuery.Filter("year", "2024", true));
	}

	@Test
	void filtersChosenOutsideTheTextCountToo() {
		SearchQuery query = SearchQuery.chair(1, "모델").withFilters("nlp", null, "KAIST").withYear("2026");
		assertThat(parser.parse(query).filters()).containsExactly(new ParsedQuery.Filter("area", "NLP", false),
				new ParsedQuery.Filter("affiliation", "kaist", false), new ParsedQuery.Filter("year", "2026", false));
	}

	@Test
	void unknownFieldsAndOperatorsAreJustWords() {
		assertThat(parse("title:x OR y").clauses()).extracting(ParsedQuery.Clause::text)
			.as("OR is an English stop word, not an operator")
			.containsExactly("title:x", "y");
		assertThat(parse("-area:SPEECH").filters()).containsExactly(new ParsedQuery.Filter("area", "SPEECH", true));
	}

	@Test
	void unbalancedQuotesCloseAtTheEnd() {
		assertThat(parse("\"vision transformers").clauses())
			.containsExactly(new ParsedQuery.Clause("vision transformers", true, false));
	}

	@Test
	void clausesWithoutTermsAreDropped() {
		assertThat(parse("모델 ... !!").clauses()).extracting(ParsedQuery.Clause::text).containsExactly("모델");
		assertThat(parse("the of").problem()).isEqualTo("search.query.nothingToSearch");
		assertThat(parse("").problem()).isNull();
	}

	@Test
	void blindSearchesCannotUseIdentityFields() {
		for (String text : List.of("affiliation:KAIST", "소속:KAIST", "-affiliation:KAIST")) {
			assertThat(parser.parse(SearchQuery.reviewer(1, text, null, true)).problem())
				.isEqualTo("search.query.fieldNotAllowed");
		}
		assertThat(parser.parse(SearchQuery.reviewer(1, "affiliation:KAIST", null, false)).problem()).isNull();
	}

	@Test
	void limitsGiveMessages() {
		assertThat(parse("a".repeat(QueryParser.MAX_LENGTH + 1)).problem()).isEqualTo("search.query.tooLong");
		assertThat(parse("a".repeat(QueryParser.MAX_LENGTH)).problem()).isNull();
	}

}
