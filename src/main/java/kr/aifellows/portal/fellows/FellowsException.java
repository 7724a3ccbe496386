package kr.aifellows.portal.fellows;

/**
 * A request on the fellows' pages that cannot be done; the code is a message key.
 */
public class FellowsException extends RuntimeException {

	private final String code;

	public FellowsException(String code) {
		super(code);
		this.code = code;
	}

	public String code() {
		return code;
	}

}
