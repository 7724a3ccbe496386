package kr.aifellows.portal.portfolios.files;

import java.util.Set;

/**
 * The files an application carries, each with the types it accepts (detected from
 * content).
 */
public enum FileKind {

	CV(true, Set.of(DetectedType.PDF)), PORTFOLIO(false, Set.of(DetectedType.PDF, DetectedType.DOCX)),
	PROPOSAL(false, Set.of(DetectedType.PDF));

	private final boolean required;

	private final Set<DetectedType> accepted;

	FileKind(boolean required, Set<DetectedType> accepted) {
		this.required = required;
		this.accepted = accepted;
	}

	public boolean required() {
		return required;
	}

	public boolean accepts(DetectedType type) {
		return accepted.contains(type);
	}

	/**
	 * The document types the portal reads.
	 */
	public enum DetectedType {

		PDF("application/pdf"), DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

		private final String mediaType;

		DetectedType(String mediaType) {
			this.mediaType = mediaType;
		}

		public String mediaType() {
			return mediaType;
		}

	}

}
