package kr.aifellows.portal.portfolios.files;

/**
 * Where the text extraction of an uploaded file stands. The file itself is stored (and
 * counts for submission) in every state; only its text waits or is missing.
 */
public enum ExtractionState {

	/** Stored, its text not extracted yet. */
	PENDING,

	/** Its text is extracted and searchable. */
	DONE,

	/** Its text could not be extracted (see the reason); the file stays. */
	FAILED

}
