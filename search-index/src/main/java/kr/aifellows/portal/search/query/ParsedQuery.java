package kr.aifellows.portal.search.query;

import java.util.List;

/**
 * A user's query, parsed: text clauses (all positive ones must match, negated ones must not) and
 * keyword filters. Backends turn it into their own queries; no user text ever reaches a query
 * parser.
 */
public record ParsedQuery(List<Clause> clauses, List<Filter> filters, String problem) {

	public ParsedQuery {
		clauses = List.copyOf(clauses);
		filters = List.copyOf(filters);
	}

	static ParsedQuery refused(String problem) {
		return new ParsedQuery(List.of(), List.of(), problem);
	}

	public boolean isRefused() {
		return problem != null;
	}

	public List<Clause> positive() {
		return clauses.stream().filter(clause -> !clause.negated()).toList();
	}

	public List<Clause> negative() {
		return clauses.stream().filter(Clause::negated).toList();
	}

	/**
	 * @param text the words, or the words of a phrase
	 * @param phrase whether the words must appear in this order, adjacent
	 * @param negated an exclusion
	 */
	public record Clause(String text, boolean phrase, boolean negated) {
	}

	/**
	 * @param field one of {@link IndexFields#AREA}, {@link IndexFields#STATUS},
	 * {@link IndexFields#AFFILIATION} (its value in lower case: affiliations match ignoring case),
	 * {@link IndexFields#YEAR}
	 */
	public record Filter(String field, String value, boolean negated) {
	}
}
