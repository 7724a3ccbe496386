package kr.aifellows.portal.fellows.web;

import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * GPU-seconds shown as GPU hours on the pages ({@code ${@gpuHours.format(seconds)}}).
 */
@Component("gpuHours")
class GpuHours {

	public String format(Long gpuSeconds) {
		if (gpuSeconds == null) {
			return "—";
		}
		double hours = gpuSeconds / 3600.0;
		// Short test jobs use seconds of GPU time: below one hour show enough digits to
		// see them.
		return String.format(Locale.ROOT, Math.abs(hours) < 1 && gpuSeconds != 0 ? "%,.4f" : "%,.2f", hours);
	}

	public String duration(Long seconds) {
		if (seconds == null) {
			return "—";
		}
		return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
	}

}
