package kr.aifellows.portal.shared;

import java.util.List;
import java.util.Locale;

/**
 * The languages the portal speaks; Korean first and by default.
 */
public final class SupportedLocales {

	public static final List<Locale> ALL = List.of(Locale.KOREAN, Locale.ENGLISH);

	private SupportedLocales() {
	}

	/**
	 * @return the supported locale closest to the given one, Korean when none is close
	 */
	public static Locale closest(Locale locale) {
		if (locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage())) {
			return Locale.ENGLISH;
		}
		return Locale.KOREAN;
	}

}
