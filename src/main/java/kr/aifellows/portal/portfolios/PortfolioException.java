package kr.aifellows.portal.portfolios;

/**
 * A request the portfolios module refuses, with a message code (and arguments) for the
 * pages.
 */
public class PortfolioException extends RuntimeException {

	private final String code;

	private final transient Object[] arguments;

	public PortfolioException(String code, Object... arguments) {
		super(code);
		this.code = code;
		this.arguments = arguments;
	}

	public String code() {
		return code;
	}

	public Object[] arguments() {
		return arguments.clone();
	}

}
