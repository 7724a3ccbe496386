package kr.aifellows.portal.portfolios.files;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import kr.aifellows.portal.portfolios.ApplicationFileView;

@Entity
@Table(name = "application_files")
public class ApplicationFile {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long applicationId;

	@Enumerated(EnumType.STRING)
	private FileKind kind;

	private String fileName;

	private String mediaType;

	private long sizeBytes;

	private String sha256;

	@Column(columnDefinition = "text")
	private String extractedText;

	@Enumerated(EnumType.STRING)
	private ExtractionState extractionState;

	private String extractionFailure;

	private Instant uploadedAt;

	protected ApplicationFile() {
	}

	/**
	 * A freshly uploaded file, its text still to be extracted by
	 * {@link TextExtractionWorker}.
	 */
	public ApplicationFile(long applicationId, FileKind kind, String fileName, String mediaType, long sizeBytes,
			String sha256, Instant uploadedAt) {
		this.applicationId = applicationId;
		this.kind = kind;
		this.fileName = fileName;
		this.mediaType = mediaType;
		this.sizeBytes = sizeBytes;
		this.sha256 = sha256;
		this.extractionState = ExtractionState.PENDING;
		this.uploadedAt = uploadedAt;
	}

	public long applicationId() {
		return applicationId;
	}

	public String sha256() {
		return sha256;
	}

	/** The extracted text, empty while it is pending or when extraction failed. */
	public String extractedText() {
		return extractedText == null ? "" : extractedText;
	}

	public ExtractionState extractionState() {
		return extractionState;
	}

	public FileKind kind() {
		return kind;
	}

	public ApplicationFileView toView() {
		return new ApplicationFileView(id, kind, fileName, mediaType, sizeBytes, sha256, uploadedAt, extractionState,
				extractionFailure);
	}

}
