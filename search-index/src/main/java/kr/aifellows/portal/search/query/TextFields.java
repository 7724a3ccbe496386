package kr.aifellows.portal.search.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.search.SearchDocument;

/**
 * A document's text per index field, content fields in {@link IndexFields#CONTENT} order
 * (the order of the values of {@link IndexFields#ALL_CONTENT}); lists are joined by new
 * lines so both backends see the same token positions.
 */
public final class TextFields {

	private TextFields() {
	}

	public static Map<String, String> of(SearchDocument document) {
		Map<String, String> texts = new LinkedHashMap<>();
		put(texts, IndexFields.TITLE, document.title());
		put(texts, "abstract", document.abstractText());
		put(texts, "body", document.body());
		put(texts, "publications", join(document.publications()));
		put(texts, "opensource", join(document.openSource()));
		put(texts, "files", document.fileText());
		put(texts, "affiliations", join(document.affiliations()));
		put(texts, "identity", join(document.identity()));
		return texts;
	}

	private static String join(List<String> values) {
		return String.join("\n", values);
	}

	private static void put(Map<String, String> texts, String field, String text) {
		if (text != null && !text.isEmpty()) {
			texts.put(field, text);
		}
	}

}
