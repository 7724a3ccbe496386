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
		return String.format(Locale.ROOT, "%,.2f", gpuSeconds / 3600.0);
	}

	public String duration(Long seconds) {
		if (seconds == null) {
			return "—";
		}
		return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
	}

}
