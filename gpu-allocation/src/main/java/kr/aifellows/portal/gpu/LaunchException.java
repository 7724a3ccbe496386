package kr.aifellows.portal.gpu;

/**
 * The launcher refused or failed to start a job; the message says why, for the fellow.
 */
public class LaunchException extends RuntimeException {

	public LaunchException(String message) {
		super(message);
	}

	public LaunchException(String message, Throwable cause) {
		super(message, cause);
	}

}
