package kr.aifellows.portal.search.query;

import java.util.List;
import java.util.stream.Stream;

/**
 * Field names shared by both backends. Every searched text field is analysed twice:
 * Korean (Nori) under its name, English (stemming) under {@code name + EN}. The content
 * fields are searched through one catch-all field, {@link #ALL_CONTENT}, which holds each
 * of them as a separate value ({@link #VALUE_GAP} positions apart, so a phrase never
 * spans two of them): a query then reads two postings lists a word instead of twelve.
 */
public final class IndexFields {

	public static final String ID = "id";

	public static final String CALL = "call";

	public static final String STATUS = "status";

	public static final String AREA = "area";

	public static final String AFFILIATION = "affiliation";

	public static final String YEAR = "year";

	public static final String DATE = "date";

	public static final String TITLE = "title";

	/** The catch-all of the {@link #CONTENT} fields, searched instead of each of them. */
	public static final String ALL_CONTENT = "content";

	/**
	 * Positions between two values of a field (Elasticsearch's
	 * {@code position_increment_gap}).
	 */
	public static final int VALUE_GAP = 100;

	/**
	 * The version of the index layout (fields and their analysis); an index written with
	 * another one is rebuilt rather than searched with queries it cannot answer.
	 */
	public static final int LAYOUT = 2;

	/**
	 * Suffix of the English subfield (a real subfield {@code title.en} in Elasticsearch).
	 */
	public static final String EN = "_en";

	/**
	 * Text anybody allowed to see the application may search, in snippet order; extracted
	 * file text comes last because it can be long and snippets are only looked for in the
	 * first 100,000 characters.
	 */
	public static final List<String> CONTENT = List.of(TITLE, "abstract", "body", "publications", "opensource",
			"files");

	/** Text only a non-blind search may search. */
	public static final List<String> IDENTITY = List.of("affiliations", "identity");

	/**
	 * The fields the glossary's alternatives of a query's words are searched in (each
	 * with its English twin): content only. Its terms of art have no business in names
	 * and affiliations, and each field there would cost a phrase query per alternative.
	 */
	public static final List<String> WIDENED = List.of(ALL_CONTENT);

	private IndexFields() {
	}

	/**
	 * Each field followed by its English twin, named with the given suffix ({@link #EN}
	 * in Lucene, {@code ".en"} for an Elasticsearch subfield).
	 */
	public static List<String> withEnglish(List<String> fields, String englishSuffix) {
		return fields.stream().flatMap(field -> Stream.of(field, field + englishSuffix)).toList();
	}

	/** The fields a query searches (each with its English twin). */
	public static List<String> searchable(boolean blind) {
		return blind ? List.of(ALL_CONTENT) : Stream.concat(Stream.of(ALL_CONTENT), IDENTITY.stream()).toList();
	}

}
