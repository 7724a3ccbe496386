package kr.aifellows.portal.fellows.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.springframework.validation.Errors;

/**
 * An adjustment by hand: GPU hours as typed (a decimal, negative to remove), a reason,
 * and the form's token that makes a resubmitted confirmation count once. Kept as text so
 * that whatever was typed comes back with the error.
 */
class AdjustmentForm {

	static final BigDecimal MAX_HOURS = BigDecimal.valueOf(1_000_000);

	private String hours;

	private String reason;

	private String token;

	/**
	 * Checks what was typed; returns the change in GPU-seconds (rounded to whole
	 * seconds), or null when a field was rejected.
	 */
	Long deltaSeconds(Errors errors) {
		Long delta = null;
		String typed = hours == null ? "" : hours.strip().replace(',', '.');
		if (typed.isEmpty()) {
			errors.rejectValue("hours", "adjust.hoursRequired");
		}
		else {
			try {
				BigDecimal value = new BigDecimal(typed);
				long seconds = value.multiply(BigDecimal.valueOf(3600))
					.setScale(0, RoundingMode.HALF_UP)
					.longValueExact();
				if (seconds == 0 || value.abs().compareTo(MAX_HOURS) > 0) {
					errors.rejectValue("hours", "adjust.hoursOutOfRange", new Object[] { MAX_HOURS.toPlainString() },
							null);
				}
				else {
					delta = seconds;
				}
			}
			catch (NumberFormatException | ArithmeticException ex) {
				errors.rejectValue("hours", "adjust.hoursNotANumber");
			}
		}
		if (reason == null || reason.isBlank()) {
			errors.rejectValue("reason", "adjust.reasonRequired");
		}
		else if (reason.strip().length() > 500) {
			errors.rejectValue("reason", "adjust.reasonTooLong", new Object[] { 500 }, null);
		}
		return errors.hasFieldErrors() ? null : delta;
	}

	public String getHours() {
		return hours;
	}

	public void setHours(String hours) {
		this.hours = hours;
	}

	public String getReason() {
		return reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

	public String getToken() {
		return token;
	}

	public void setToken(String token) {
		this.token = token;
	}

}
