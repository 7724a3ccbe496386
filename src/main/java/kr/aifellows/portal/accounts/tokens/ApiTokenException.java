package kr.aifellows.portal.accounts.tokens;

/**
 * A token request the token page refuses, with the field and a message code.
 */
public class ApiTokenException extends RuntimeException {

	private final String field;

	private final String code;

	private final transient Object[] arguments;

	ApiTokenException(String field, String code, Object... arguments) {
		super(code);
		this.field = field;
		this.code = code;
		this.arguments = arguments;
	}

	public String field() {
		return field;
	}

	public String code() {
		return code;
	}

	public Object[] arguments() {
		return arguments.clone();
	}

}
