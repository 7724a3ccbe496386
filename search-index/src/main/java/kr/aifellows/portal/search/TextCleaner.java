package kr.aifellows.portal.search;

import java.text.Normalizer;

/**
 * Normalises text before it reaches an index: NFKC, no control characters and none of the
 * private-use characters that mark highlights in snippets.
 */
final class TextCleaner {

	private TextCleaner() {
	}

	static String clean(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
		StringBuilder out = new StringBuilder(normalized.length());
		for (int i = 0; i < normalized.length(); i++) {
			char c = normalized.charAt(i);
			if (c == Snippets.MARK_START || c == Snippets.MARK_END) {
				continue;
			}
			if (Character.isISOControl(c) && c != '\n' && c != '\t') {
				out.append(' ');
				continue;
			}
			out.append(c);
		}
		return out.toString().strip();
	}

}
