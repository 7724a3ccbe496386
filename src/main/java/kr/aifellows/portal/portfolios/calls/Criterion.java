package kr.aifellows.portal.portfolios.calls;

import java.math.BigDecimal;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One criterion of a call's rubric: a bilingual name, a weight, a scale and guidance.
 */
@Embeddable
public record Criterion(@Column(name = "name_ko") String nameKo, @Column(name = "name_en") String nameEn,
		BigDecimal weight, int scaleMin, int scaleMax, String guidanceKo, String guidanceEn) {

	public Criterion {
		if (nameKo == null || nameKo.isBlank() || nameEn == null || nameEn.isBlank()) {
			throw new IllegalArgumentException("A criterion needs a Korean and an English name");
		}
		if (weight == null || weight.signum() <= 0) {
			throw new IllegalArgumentException("A criterion's weight must be positive");
		}
		if (scaleMax <= scaleMin) {
			throw new IllegalArgumentException("A criterion's scale must go up");
		}
		guidanceKo = guidanceKo == null ? "" : guidanceKo;
		guidanceEn = guidanceEn == null ? "" : guidanceEn;
	}

	public String name(Locale locale) {
		return "en".equals(locale.getLanguage()) ? nameEn : nameKo;
	}

	public String guidance(Locale locale) {
		return "en".equals(locale.getLanguage()) ? guidanceEn : guidanceKo;
	}
}
