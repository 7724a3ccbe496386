package kr.aifellows.portal.search;

/**
 * Snippets come back as plain text in which matches are enclosed in {@link #MARK_START}
 * and {@link #MARK_END} (private-use characters that indexed text never contains);
 * {@link #toHtml} escapes everything else, so a snippet can be shown unescaped.
 */
public final class Snippets {

	public static final char MARK_START = '\uE000';

	public static final char MARK_END = '\uE001';

	private Snippets() {
	}

	public static String toHtml(String snippet) {
		if (snippet == null) {
			return "";
		}
		StringBuilder html = new StringBuilder(snippet.length() + 32);
		boolean open = false;
		for (int i = 0; i < snippet.length(); i++) {
			char c = snippet.charAt(i);
			switch (c) {
				case MARK_START -> {
					if (!open) {
						html.append("<mark>");
						open = true;
					}
				}
				case MARK_END -> {
					if (open) {
						html.append("</mark>");
						open = false;
					}
				}
				case '<' -> html.append("&lt;");
				case '>' -> html.append("&gt;");
				case '&' -> html.append("&amp;");
				case '"' -> html.append("&quot;");
				case '\'' -> html.append("&#39;");
				default -> html.append(c);
			}
		}
		if (open) {
			html.append("</mark>");
		}
		return html.toString();
	}

	public static String plain(String snippet) {
		return snippet == null ? ""
				: snippet.replace(String.valueOf(MARK_START), "").replace(String.valueOf(MARK_END), "");
	}

}
