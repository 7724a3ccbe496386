package kr.aifellows.portal.search.lucene;

import java.util.ArrayList;
import java.util.List;

import kr.aifellows.portal.search.Snippets;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Each passage as a snippet of its own, in text order (so the title's comes first); a
 * long sentence is cut to about {@link #SNIPPET_LENGTH} characters around its first
 * match.
 */
final class SeparatePassages extends PassageFormatter {

	/**
	 * About the length of Elasticsearch's fragments (160) with some room for whole words.
	 */
	static final int SNIPPET_LENGTH = 200;

	private final DefaultPassageFormatter marks = new DefaultPassageFormatter(String.valueOf(Snippets.MARK_START),
			String.valueOf(Snippets.MARK_END), "", false);

	@Override
	public Object format(Passage[] passages, String content) {
		List<String> snippets = new ArrayList<>(passages.length);
		for (Passage passage : passages) {
			String snippet = shorten(marks.format(new Passage[] { passage }, content)
				.replace(LuceneSnippets.VALUE_SEPARATOR, ' ')
				.strip());
			if (snippet.indexOf(Snippets.MARK_START) >= 0 && !snippets.contains(snippet)) {
				snippets.add(snippet);
			}
		}
		return List.copyOf(snippets);
	}

	static String shorten(String snippet) {
		if (snippet.length() <= SNIPPET_LENGTH) {
			return snippet;
		}
		int match = Math.max(0, snippet.indexOf(Snippets.MARK_START));
		int start = Math.max(0, match - SNIPPET_LENGTH / 4);
		int end = Math.min(snippet.length(), start + SNIPPET_LENGTH);
		start = wordStart(snippet, start, match);
		end = wordEnd(snippet, end);
		if (snippet.lastIndexOf(Snippets.MARK_START, end - 1) > snippet.lastIndexOf(Snippets.MARK_END, end - 1)) {
			// do not leave a match open
			int close = snippet.indexOf(Snippets.MARK_END, end);
			end = close < 0 ? snippet.length() : close + 1;
		}
		return (start > 0 ? "… " : "") + snippet.substring(start, end).strip() + (end < snippet.length() ? " …" : "");
	}

	private static int wordStart(String text, int from, int limit) {
		for (int i = from; i > 0 && i > from - 20; i--) {
			if (Character.isWhitespace(text.charAt(i - 1))) {
				return i;
			}
		}
		for (int i = from; i < limit; i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i + 1;
			}
		}
		return from;
	}

	private static int wordEnd(String text, int from) {
		for (int i = from; i < text.length() && i < from + 20; i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return from;
	}

}
