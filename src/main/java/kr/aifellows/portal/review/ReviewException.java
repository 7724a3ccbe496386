package kr.aifellows.portal.review;

/**
 * A request the review module refuses, with a message code (and arguments) for the pages.
 * {@code review.notFound} means the user may not know the thing exists: the pages answer
 * 404.
 */
public class ReviewException extends RuntimeException {

	public static final String NOT_FOUND = "review.notFound";

	private final String code;

	private final transient Object[] arguments;

	public ReviewException(String code, Object... arguments) {
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
