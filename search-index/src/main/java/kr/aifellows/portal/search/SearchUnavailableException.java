package kr.aifellows.portal.search;

/**
 * The search backend cannot be reached or failed; pages show a message, writes are
 * retried.
 */
public class SearchUnavailableException extends RuntimeException {

	public SearchUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
