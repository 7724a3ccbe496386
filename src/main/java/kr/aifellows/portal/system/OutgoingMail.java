package kr.aifellows.portal.system;

/**
 * A plain-text message to one recipient.
 */
public record OutgoingMail(String to, String subject, String body) {

	public OutgoingMail {
		if (to == null || to.isBlank()) {
			throw new IllegalArgumentException("A mail needs a recipient");
		}
	}
}
