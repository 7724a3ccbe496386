package kr.aifellows.portal.search.query;

import java.util.List;

/**
 * Field names shared by both backends. Every text field is analysed twice: Korean (Nori) under
 * its name, English (stemming) under {@code name + EN}.
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

	/** Suffix of the English subfield (a real subfield {@code title.en} in Elasticsearch). */
	public static final String EN = "_en";

	/** Text anybody allowed to see the application may search, in snippet order. */
	public static final List<String> CONTENT = List.of(TITLE, "abstract", "body", "files", "publications",
			"opensource");

	/** Text only a non-blind search may search. */
	public static final List<String> IDENTITY = List.of("affiliations", "identity");

	private IndexFields() {
	}

	/**
	 * Each field followed by its English twin, named with the given suffix ({@link #EN} in Lucene,
	 * {@code ".en"} for an Elasticsearch subfield).
	 */
	public static List<String> withEnglish(List<String> fields, String englishSuffix) {
		return fields.stream().flatMap(field -> java.util.stream.Stream.of(field, field + englishSuffix)).toList();
	}

	public static List<String> searchable(boolean blind) {
		return blind ? CONTENT : java.util.stream.Stream.concat(CONTENT.stream(), IDENTITY.stream()).toList();
	}
}
