package kr.aifellows.portal.portfolios;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "application_files")
class ApplicationFile {

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

	private Instant uploadedAt;

	protected ApplicationFile() {
	}

	ApplicationFile(long applicationId, FileKind kind, String fileName, String mediaType, long sizeBytes,
			String sha256, String extractedText, Instant uploadedAt) {
		this.applicationId = applicationId;
		this.kind = kind;
		this.fileName = fileName;
		this.mediaType = mediaType;
		this.sizeBytes = sizeBytes;
		this.sha256 = sha256;
		// PostgreSQL text cannot hold NUL characters, which some PDFs yield.
		this.extractedText = extractedText.replace("\u0000", "");
		this.uploadedAt = uploadedAt;
	}

	long applicationId() {
		return applicationId;
	}

	String sha256() {
		return sha256;
	}

	String extractedText() {
		return extractedText;
	}

	FileKind kind() {
		return kind;
	}

	ApplicationFileView toView() {
		return new ApplicationFileView(id, kind, fileName, mediaType, sizeBytes, sha256, uploadedAt);
	}
}
