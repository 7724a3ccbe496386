package kr.aifellows.portal.portfolios.blind;

/**
 * A publication as a blind reviewer sees it: no author names, only how many authors there
 * are and where the applicant stands among them.
 *
 * @param title null at {@link BlindLevel#STRICT}
 * @param applicantPosition 1-based, or 0 when the applicant's name was not found in the
 * list
 */
public record BlindPublication(String title, String venue, int year, int authorCount, int applicantPosition) {

	/** The English ordinal suffix of the position: 1st, 2nd, 3rd, 4th, 11th, 21st. */
	public String ordinalSuffix() {
		int lastTwo = applicantPosition % 100;
		if (lastTwo >= 11 && lastTwo <= 13) {
			return "th";
		}
		return switch (applicantPosition % 10) {
			case 1 -> "st";
			case 2 -> "nd";
			case 3 -> "rd";
			default -> "th";
		};
	}
}
