package kr.aifellows.portal.privacy;

/**
 * What a person is asked to agree to, item by item, at registration.
 */
public enum ConsentItem {

	/**
	 * Collection and use of the personal data an application needs; without it no
	 * application is possible.
	 */
	APPLICATION_DATA(true),

	/** Being told about later calls of the programme. */
	LATER_CALLS(false);

	private final boolean required;

	ConsentItem(boolean required) {
		this.required = required;
	}

	public boolean required() {
		return required;
	}

}
