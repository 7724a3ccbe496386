package kr.aifellows.portal.search.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The bilingual glossary ({@code search/glossary.txt}, in the synonyms format that
 * Elasticsearch's {@code synonym_graph} and Lucene's {@code SolrSynonymParser} read):
 * each line a group of equivalent Korean and English terms, transliterations and
 * abbreviations. Both backends apply it at query time through
 * {@link ParsedQuery#groups()}, so they widen a query in exactly the same way. Terms are
 * matched on their {@link Analyzers#glossaryKeys() key}: Nori's parts without particles,
 * lower case, English plurals folded, so 강화학습을, 강화 학습 and RL's line all meet.
 */
public final class Glossary {

	public static final String FILE = "search/glossary.txt";

	/**
	 * Added to the score of a clause matched in the words the user typed, so any hit with
	 * the exact words ranks above hits found only through the glossary.
	 */
	public static final float EXACT_BONUS = 1_000f;

	/**
	 * The weight of the glossary's alternatives against the exact words (within a tier).
	 */
	public static final float SYNONYM_WEIGHT = 0.5f;

	private static final int MAX_ALTERNATIVES = 8;

	private static final Glossary DEFAULT = load();

	private final Analyzer keys = Analyzers.glossaryKeys();

	/** A term's key → the other terms of its lines (key → the term as written). */
	private final Map<String, Map<String, String>> others = new HashMap<>();

	private final int lines;

	private int longest;

	Glossary(List<String> lines) {
		int count = 0;
		for (String line : lines) {
			String stripped = line.strip();
			if (stripped.isEmpty() || stripped.startsWith("#")) {
				continue;
			}
			count++;
			Map<String, String> terms = new LinkedHashMap<>();
			for (String term : stripped.split(",")) {
				List<String> tokens = tokens(term.strip());
				if (!tokens.isEmpty()) {
					terms.putIfAbsent(String.join(" ", tokens), term.strip());
					longest = Math.max(longest, tokens.size());
				}
			}
			terms.forEach((key, term) -> terms.forEach((otherKey, other) -> {
				if (!otherKey.equals(key)) {
					others.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(otherKey, other);
				}
			}));
		}
		this.lines = count;
	}

	/** The glossary of {@link #FILE}. */
	public static Glossary standard() {
		return DEFAULT;
	}

	/** Lines (groups of equivalent terms) in the glossary. */
	public int size() {
		return lines;
	}

	/** The other terms of every line that has a term with exactly these key tokens. */
	public List<String> alternatives(List<String> tokens) {
		Map<String, String> found = others.get(String.join(" ", tokens));
		return found == null ? List.of() : List.copyOf(found.values());
	}

	/**
	 * Texts with each glossary term found in the text replaced by one of its alternatives
	 * (at least one replaced, at most {@value #MAX_ALTERNATIVES} texts), the rest as
	 * typed; none when the text has no term.
	 */
	public List<String> rewrite(String text) {
		List<Token> tokens = analyse(text);
		List<String> keys = tokens.stream().map(Token::key).toList();
		List<List<String>> choices = new ArrayList<>();
		boolean any = false;
		int typedFrom = -1;
		for (int i = 0; i < tokens.size();) {
			int end = Math.min(tokens.size(), i + longest);
			List<String> found = List.of();
			for (; end > i; end--) {
				found = alternatives(keys.subList(i, end));
				if (!found.isEmpty()) {
					break;
				}
			}
			if (found.isEmpty()) {
				typedFrom = typedFrom < 0 ? tokens.get(i).start() : typedFrom;
				i++;
				continue;
			}
			if (typedFrom >= 0) {
				choices.add(List.of(text.substring(typedFrom, tokens.get(i).start()).strip()));
				typedFrom = -1;
			}
			List<String> choice = new ArrayList<>();
			choice.add(text.substring(tokens.get(i).start(), tokens.get(end - 1).end()));
			choice.addAll(found);
			choices.add(choice);
			any = true;
			i = end;
		}
		if (!any) {
			return List.of();
		}
		if (typedFrom >= 0) {
			choices.add(List.of(text.substring(typedFrom).strip()));
		}
		List<String> texts = new ArrayList<>();
		combine(choices, 0, new ArrayList<>(), false, texts);
		return List.copyOf(texts);
	}

	private static void combine(List<List<String>> choices, int at, List<String> chosen, boolean replaced,
			List<String> texts) {
		if (texts.size() >= MAX_ALTERNATIVES) {
			return;
		}
		if (at == choices.size()) {
			if (replaced) {
				texts.add(String.join(" ", chosen));
			}
			return;
		}
		List<String> choice = choices.get(at);
		for (int i = 0; i < choice.size(); i++) {
			chosen.add(choice.get(i));
			combine(choices, at + 1, chosen, replaced || i > 0, texts);
			chosen.remove(chosen.size() - 1);
		}
	}

	/**
	 * The clauses grouped and widened: consecutive plain words that make up a term become
	 * one group with that term's alternatives; any other clause is a group of its own,
	 * widened by {@link #rewrite} (terms inside a word or a phrase).
	 */
	public List<ParsedQuery.Group> widen(List<ParsedQuery.Clause> clauses) {
		List<List<String>> tokens = clauses.stream().map(clause -> tokens(clause.text())).toList();
		List<ParsedQuery.Group> groups = new ArrayList<>();
		for (int i = 0; i < clauses.size();) {
			int end = termEnd(clauses, tokens, i);
			if (end > 0) {
				List<String> joined = tokens.subList(i, end).stream().flatMap(List::stream).toList();
				groups.add(new ParsedQuery.Group(clauses.subList(i, end), alternatives(joined)));
				i = end;
			}
			else {
				groups.add(new ParsedQuery.Group(List.of(clauses.get(i)), rewrite(clauses.get(i).text())));
				i++;
			}
		}
		return groups;
	}

	/**
	 * Where a term of two or more plain words that starts at clause {@code start} ends,
	 * or -1.
	 */
	private int termEnd(List<ParsedQuery.Clause> clauses, List<List<String>> tokens, int start) {
		for (int end = Math.min(clauses.size(), start + longest); end > start + 1; end--) {
			List<String> joined = new ArrayList<>();
			boolean plain = true;
			for (int i = start; i < end && plain; i++) {
				plain = !clauses.get(i).phrase() && !clauses.get(i).negated();
				joined.addAll(tokens.get(i));
			}
			if (plain && joined.size() <= longest && !alternatives(joined).isEmpty()) {
				return end;
			}
		}
		return -1;
	}

	/** The key tokens of a text. */
	public List<String> tokens(String text) {
		return analyse(text).stream().map(Token::key).toList();
	}

	private List<Token> analyse(String text) {
		List<Token> tokens = new ArrayList<>();
		try (TokenStream stream = keys.tokenStream("glossary", new StringReader(text))) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				if (term.length() > 0) {
					tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tokens;
	}

	private record Token(String key, int start, int end) {
	}

	private static Glossary load() {
		try (InputStream in = Glossary.class.getClassLoader().getResourceAsStream(FILE)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + FILE);
			}
			return new Glossary(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
