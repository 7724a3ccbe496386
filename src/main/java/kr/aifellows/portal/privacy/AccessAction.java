package kr.aifellows.portal.privacy;

/**
 * What was done with an applicant's personal data.
 */
public enum AccessAction {

	VIEW, CHANGE, EXPORT, DOWNLOAD, DELETE;

	/**
	 * Exports and downloads take the data out of the portal: they need a reason.
	 */
	public boolean needsReason() {
		return this == EXPORT || this == DOWNLOAD;
	}

}
