package kr.aifellows.portal.portfolios;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation of the scholarly identifiers applicants enter.
 */
public final class Identifiers {

	private static final Pattern ORCID = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");

	private static final Pattern DOI = Pattern.compile("10\\.\\d{4,9}/\\S+");

	/**
	 * New-style (2007-) identifiers with an optional version, and old-style
	 * archive/number ones.
	 */
	private static final Pattern ARXIV = Pattern.compile("(\\d{4}\\.\\d{4,5}|[a-z\\-]+(\\.[A-Z]{2})?/\\d{7})(v\\d+)?");

	private Identifiers() {
	}

	private static final Pattern ORCID_INPUT = Pattern
		.compile("(?i)^(?:https?://)?(?:www\\.)?(?:orcid\\.org/)?(?:orcid:?\\s*)?([\\d\\s-]{15,22}[\\dX])$");

	/**
	 * The canonical form {@code 0000-0002-1825-0097} of an ORCID iD as people type it:
	 * with or without hyphens or spaces, with an {@code https://orcid.org/} prefix, with
	 * a lower-case x. The check digit is not verified here; see {@link #isValidOrcid}.
	 * @return the canonical form, or {@code null} when the text is not 16 characters of
	 * an iD
	 */
	public static String normalizeOrcid(String orcid) {
		if (orcid == null) {
			return null;
		}
		Matcher matcher = ORCID_INPUT.matcher(orcid.strip());
		if (!matcher.matches()) {
			return null;
		}
		String digits = matcher.group(1).replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
		if (!digits.matches("\\d{15}[\\dX]")) {
			return null;
		}
		return digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8, 12) + "-"
				+ digits.substring(12);
	}

	/**
	 * @return whether the ORCID iD, in any form {@link #normalizeOrcid} accepts, has its
	 * ISO 7064 MOD 11-2 check digit
	 */
	public static boolean isValidOrcid(String orcid) {
		String canonical = normalizeOrcid(orcid);
		if (canonical == null || !ORCID.matcher(canonical).matches()) {
			return false;
		}
		String digits = canonical.replace("-", "");
		int total = 0;
		for (int i = 0; i < 15; i++) {
			total = (total + (digits.charAt(i) - '0')) * 2;
		}
		int result = (12 - total % 11) % 11;
		char expected = result == 10 ? 'X' : (char) ('0' + result);
		return digits.charAt(15) == expected;
	}

	/**
	 * @return the DOI without a {@code https://doi.org/} or {@code doi:} prefix, or
	 * {@code null} when it is not a DOI
	 */
	public static String normalizeDoi(String doi) {
		if (doi == null) {
			return null;
		}
		String stripped = doi.strip().replaceFirst("(?i)^(https?://(dx\\.)?doi\\.org/|doi:)", "");
		return DOI.matcher(stripped).matches() ? stripped : null;
	}

	/**
	 * @return the arXiv identifier without an {@code arXiv:} prefix or URL, or
	 * {@code null}
	 */
	public static String normalizeArxiv(String arxivId) {
		if (arxivId == null) {
			return null;
		}
		String stripped = arxivId.strip().replaceFirst("(?i)^(https?://arxiv\\.org/abs/|arxiv:)", "");
		return ARXIV.matcher(stripped).matches() ? stripped : null;
	}

}
