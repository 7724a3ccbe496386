package kr.aifellows.portal.gpu;

import java.time.Instant;
import java.util.List;

/**
 * Whether the launcher can start jobs now, as last checked.
 *
 * @param ready jobs submitted now would be started
 * @param problems what stops it, in the operator's words (English, for administrators)
 * @param checkedAt when it was checked
 */
public record LauncherHealth(boolean ready, List<String> problems, Instant checkedAt) {

	public LauncherHealth {
		problems = List.copyOf(problems);
	}

	public static LauncherHealth ready(Instant checkedAt) {
		return new LauncherHealth(true, List.of(), checkedAt);
	}

}
