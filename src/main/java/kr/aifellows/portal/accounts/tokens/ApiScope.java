package kr.aifellows.portal.accounts.tokens;

/**
 * What a personal access token may be used for, on top of its owner's roles: a token
 * never reaches more than its owner may, and only the parts of the API its scopes name.
 */
public enum ApiScope {

	/** Read what the owner may read (GET). */
	READ,

	/** Submit and cancel GPU jobs, request top-ups. */
	JOBS,

	/** The reviewer's part of the API. */
	REVIEW;

	public String authority() {
		return "SCOPE_" + name();
	}

}
