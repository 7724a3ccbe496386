package kr.aifellows.portal.portfolios.calls;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import kr.aifellows.portal.portfolios.blind.BlindLevel;

/**
 * A call as other modules and pages see it.
 */
public record CallSummary(long id, String titleKo, String titleEn, String descriptionKo, String descriptionEn,
		Instant opensAt, Instant closesAt, int slots, long gpuHourEnvelope, int reviewsPerApplication,
		boolean blindReview, int versionNo, List<Criterion> criteria, BlindLevel blindLevel) {

	public String title(Locale locale) {
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? titleEn : titleKo;
	}

	public String description(Locale locale) {
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? descriptionEn : descriptionKo;
	}

	public boolean isOpenAt(Instant now) {
		return !now.isBefore(opensAt) && !now.isAfter(closesAt);
	}
}
