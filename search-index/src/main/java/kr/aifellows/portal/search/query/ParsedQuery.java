package kr.aifellows.portal.search.query;

import java.util.List;

/**
 * A user's query, parsed: text clauses (all positive ones must match, negated ones must
 * not) and keyword filters. Backends turn it into their own queries; no user text ever
 * reaches a query parser.
 */
public record ParsedQuery(List<Clause> clauses, List<Group> groups, List<Filter> filters, String problem) {

	public ParsedQuery {
		clauses = List.copyOf(clauses);
		groups = List.copyOf(groups);
		filters = List.copyOf(filters);
	}

	/** Each clause on its own, not widened. */
	public ParsedQuery(List<Clause> clauses, List<Filter> filters, String problem) {
		this(clauses, clauses.stream().map(clause -> new Group(List.of(clause), List.of())).toList(), filters, problem);
	}

	/** What the glossary added, one {@code "words → term, term"} a widened group. */
	public List<String> widened() {
		return groups.stream()
			.filter(group -> !group.alternatives().isEmpty())
			.map(group -> group.text() + " → " + String.join(", ", group.alternatives()))
			.toList();
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
	 * Clauses searched together, in the order typed: one clause, or consecutive plain
	 * words that make up one glossary term ({@code reinforcement learning}). A hit must
	 * match all the clauses as typed or one of the alternatives (as a phrase); exact
	 * matches rank above the others ({@link Glossary#EXACT_BONUS}). A negated group
	 * excludes both.
	 *
	 * @param alternatives the other language's terms from the {@link Glossary}, none when
	 * not widened
	 */
	public record Group(List<Clause> clauses, List<String> alternatives) {

		public Group {
			clauses = List.copyOf(clauses);
			alternatives = List.copyOf(alternatives);
		}

		public boolean negated() {
			return clauses.get(0).negated();
		}

		/** The clauses' text as typed (phrases without their quotes). */
		public String text() {
			return String.join(" ", clauses.stream().map(Clause::text).toList());
		}
	}

	/**
	 * @param field one of {@link IndexFields#AREA}, {@link IndexFields#STATUS},
	 * {@link IndexFields#AFFILIATION} (its value in lower case: affiliations match
	 * ignoring case), {@link IndexFields#YEAR}
	 */
	public record Filter(String field, String value, boolean negated) {
	}
}
