package kr.aifellows.portal.accounts;

/**
 * A request the accounts module refuses, with a message code the pages translate and,
 * where it concerns one form field, that field.
 */
public class AccountException extends RuntimeException {

	private final String field;

	private final String code;

	private final transient Object[] arguments;

	public AccountException(String field, String code, Object... arguments) {
		super(code);
		this.field = field;
		this.code = code;
		this.arguments = arguments;
	}

	/**
	 * @return the form field concerned, or {@code null} when the error concerns the whole
	 * form
	 */
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
