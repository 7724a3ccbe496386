package kr.aifellows.portal.privacy;

/**
 * An export or download of personal data was asked for without saying why; the portal
 * asks for the reason and repeats the request with it.
 */
public class AccessReasonRequiredException extends RuntimeException {

	private final boolean attempted;

	AccessReasonRequiredException(boolean attempted) {
		super("a reason is required to export or download personal data");
		this.attempted = attempted;
	}

	/**
	 * Whether a (blank) reason was sent, so the form shows an error rather than just
	 * asking.
	 */
	public boolean attempted() {
		return attempted;
	}

}
