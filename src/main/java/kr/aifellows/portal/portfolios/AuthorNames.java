package kr.aifellows.portal.portfolios;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Author names as written in publication lists, reduced to the name itself.
 */
public final class AuthorNames {

	/** Bracketed notes: "(corresponding)", "[equal contribution]", "{1}". */
	private static final Pattern BRACKETED = Pattern.compile("\\([^)]*\\)|\\[[^]]*]|\\{[^}]*}");

	/** Footnote marks and affiliation numbers: *, †, ‡, §, ¶, #, ¹²³, digits, ✉. */
	private static final Pattern MARKS = Pattern.compile("[*†‡§¶#✉⁰¹²³⁴⁵⁶⁷⁸⁹0-9\\^]+");

	/** Degrees after a comma, compared without dots and spaces. */
	private static final Set<String> DEGREES = Set.of("phd", "dphil", "md", "ms", "msc", "bs", "bsc", "ba", "ma",
			"meng", "beng", "mba", "jr", "sr");

	/** A doctorate written right after the name, without a comma. */
	private static final Pattern TRAILING_DOCTORATE = Pattern.compile("(?i)\\s+ph\\.?\\s?d\\.?$");

	private static final Pattern TITLES = Pattern.compile("(?i)^(?:(?:prof|dr|mr|ms|mrs)\\.?\\s+)+");

	private AuthorNames() {
	}

	/**
	 * "Minsu Park*†¹ (corresponding), Ph.D." becomes "Minsu Park"; "Park, M." stays as it
	 * is.
	 */
	public static String stripMarks(String author) {
		if (author == null) {
			return "";
		}
		String name = Normalizer.normalize(author, Normalizer.Form.NFC);
		name = BRACKETED.matcher(name).replaceAll(" ");
		// Superscript digits first: NFKC would turn them into plain digits glued to the
		// name.
		name = MARKS.matcher(name).replaceAll(" ");
		name = withoutDegrees(name.strip());
		name = TRAILING_DOCTORATE.matcher(name).replaceAll("");
		name = TITLES.matcher(name.strip()).replaceAll("");
		name = name.replaceAll("\\s+", " ").strip();
		return name.replaceAll("[,;]+$", "").strip();
	}

	/**
	 * Drops ", Ph.D." and the like. "Park, M. S." is a family name and initials, not a
	 * degree: a degree follows a name of at least two words.
	 */
	private static String withoutDegrees(String name) {
		String result = name;
		int comma = result.lastIndexOf(',');
		while (comma > 0) {
			String tail = result.substring(comma + 1).replaceAll("[.\\s]", "").toLowerCase(Locale.ROOT);
			String head = result.substring(0, comma).strip();
			if (!DEGREES.contains(tail) || !head.contains(" ")) {
				break;
			}
			result = head;
			comma = result.lastIndexOf(',');
		}
		return result;
	}

}
