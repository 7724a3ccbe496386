package kr.aifellows.portal.portfolios;

import java.util.regex.Pattern;

/**
 * Validation of the scholarly identifiers applicants enter.
 */
public final class Identifiers {

	private static final Pattern ORCID = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");

	private static final Pattern DOI = Pattern.compile("10\\.\\d{4,9}/\\S+");

	/** New-style (2007-) identifiers with an optional version, and old-style archive/number ones. */
	private static final Pattern ARXIV = Pattern
		.compile("(\\d{4}\\.\\d{4,5}|[a-z\\-]+(\\.[A-Z]{2})?/\\d{7})(v\\d+)?");

	private Identifiers() {
	}

	/**
	 * @return whether the ORCID iD has the right form and its ISO 7064 MOD 11-2 check digit
	 */
	public static boolean isValidOrcid(String orcid) {
		if (orcid == null || !ORCID.matcher(orcid).matches()) {
			return false;
		}
		String digits = orcid.replace("-", "");
		int total = 0;
		for (int i = 0; i < 15; i++) {
			total = (total + (digits.charAt(i) - '0')) * 2;
		}
		int result = (12 - total % 11) % 11;
		char expected = result == 10 ? 'X' : (char) ('0' + result);
		return digits.charAt(15) == expected;
	}

	/**
	 * @return the DOI without a {@code https://doi.org/} or {@code doi:} prefix, or {@code null}
	 * when it is not a DOI
	 */
	public static String normalizeDoi(String doi) {
		if (doi == null) {
			return null;
		}
		String stripped = doi.strip().replaceFirst("(?i)^(https?://(dx\\.)?doi\\.org/|doi:)", "");
		return DOI.matcher(stripped).matches() ? stripped : null;
	}

	/**
	 * @return the arXiv identifier without an {@code arXiv:} prefix or URL, or {@code null}
	 */
	public static String normalizeArxiv(String arxivId) {
		if (arxivId == null) {
			return null;
		}
		String stripped = arxivId.strip().replaceFirst("(?i)^(https?://arxiv\\.org/abs/|arxiv:)", "");
		return ARXIV.matcher(stripped).matches() ? stripped : null;
	}
}
