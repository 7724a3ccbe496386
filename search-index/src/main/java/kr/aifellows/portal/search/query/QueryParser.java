package kr.aifellows.portal.search.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kr.aifellows.portal.search.SearchQuery;
import org.apache.lucene.analysis.Analyzer;

/**
 * Parses the query syntax (words, "phrases", -exclusions, {@code area:}, {@code status:},
 * {@code affiliation:}, {@code year:}) by hand, so no user input ever reaches Lucene's or
 * Elasticsearch's query string parser. Unbalanced quotes close at the end; special
 * characters are just text for the analyzers, which drop them.
 */
public final class QueryParser {

	public static final int MAX_LENGTH = 1_000;

	public static final int MAX_CLAUSES = 32;

	/**
	 * Deep pages cost as much as all pages before them; Elasticsearch refuses beyond
	 * 10,000.
	 */
	public static final int MAX_WINDOW = 10_000;

	private static final Map<String, String> FIELDS = Map.of("area", IndexFields.AREA, "분야", IndexFields.AREA, "status",
			IndexFields.STATUS, "상태", IndexFields.STATUS, "affiliation", IndexFields.AFFILIATION, "소속",
			IndexFields.AFFILIATION, "year", IndexFields.YEAR, "연도", IndexFields.YEAR);

	private final Glossary glossary = Glossary.standard();

	private final Map<String, Analyzer> analyzers = Map.of("ko", Analyzers.korean(), "en", Analyzers.english());

	public ParsedQuery parse(SearchQuery query) {
		if (query.text().length() > MAX_LENGTH) {
			return ParsedQuery.refused("search.query.tooLong");
		}
		if ((long) (query.page() + 1) * query.size() > MAX_WINDOW) {
			return ParsedQuery.refused("search.query.pageTooDeep");
		}
		List<ParsedQuery.Clause> clauses = new ArrayList<>();
		List<ParsedQuery.Filter> filters = new ArrayList<>();
		addFilter(filters, IndexFields.AREA, query.area(), false);
		addFilter(filters, IndexFields.STATUS, query.status(), false);
		addFilter(filters, IndexFields.AFFILIATION, query.affiliation(), false);
		addFilter(filters, IndexFields.YEAR, query.year(), false);

		String problem = read(Normalizer.normalize(query.text(), Normalizer.Form.NFKC), query.blind(), clauses,
				filters);
		if (problem != null) {
			return ParsedQuery.refused(problem);
		}
		if (query.blind() && filters.stream().anyMatch(filter -> filter.field().equals(IndexFields.AFFILIATION))) {
			return ParsedQuery.refused("search.query.fieldNotAllowed");
		}
		if (clauses.size() + filters.size() > MAX_CLAUSES) {
			return ParsedQuery.refused("search.query.tooManyTerms");
		}
		boolean askedForText = !clauses.isEmpty();
		clauses.removeIf(clause -> !Analyzers.hasTerms(analyzers, clause.text()));
		if (askedForText && clauses.isEmpty() && filters.isEmpty()) {
			return ParsedQuery.refused("search.query.nothingToSearch");
		}
		return new ParsedQuery(clauses, glossary.widen(clauses), filters, null);
	}

	/**
	 * Reads the query text into clauses and filters; returns the problem that refuses it
	 * (a field the caller may not search), or null.
	 */
	private static String read(String text, boolean blind, List<ParsedQuery.Clause> clauses,
			List<ParsedQuery.Filter> filters) {
		int i = 0;
		int n = text.length();
		while (i < n) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				i++;
				continue;
			}
			boolean negated = false;
			if (c == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
				negated = true;
				i++;
			}
			if (text.charAt(i) == '"') {
				int end = text.indexOf('"', i + 1);
				String phrase = text.substring(i + 1, end < 0 ? n : end);
				i = end < 0 ? n : end + 1;
				addClause(clauses, phrase, true, negated);
				continue;
			}
			int start = i;
			while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') {
				i++;
			}
			String word = text.substring(start, i);
			int colon = word.indexOf(':');
			String field = colon > 0 ? FIELDS.get(word.substring(0, colon).toLowerCase(Locale.ROOT)) : null;
			if (field == null) {
				addClause(clauses, word, false, negated);
				continue;
			}
			String value = word.substring(colon + 1);
			if (value.isEmpty() && i < n && text.charAt(i) == '"') {
				int end = text.indexOf('"', i + 1);
				value = text.substring(i + 1, end < 0 ? n : end);
				i = end < 0 ? n : end + 1;
			}
			if (field.equals(IndexFields.AFFILIATION) && blind) {
				return "search.query.fieldNotAllowed";
			}
			addFilter(filters, field, value, negated);
		}
		return null;
	}

	private static void addClause(List<ParsedQuery.Clause> clauses, String text, boolean phrase, boolean negated) {
		String stripped = text.strip();
		if (!stripped.isEmpty()) {
			clauses.add(new ParsedQuery.Clause(stripped, phrase, negated));
		}
	}

	private static void addFilter(List<ParsedQuery.Filter> filters, String field, String value, boolean negated) {
		if (value == null || value.isBlank()) {
			return;
		}
		String normalized = value.strip();
		if (field.equals(IndexFields.AFFILIATION)) {
			// names are matched ignoring case: affiliation:kaist finds KAIST
			normalized = normalized.toLowerCase(Locale.ROOT);
		}
		else {
			normalized = normalized.toUpperCase(Locale.ROOT).replace('-', '_');
		}
		filters.add(new ParsedQuery.Filter(field, normalized, negated));
	}

}
