package kr.aifellows.portal.review;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A detected conflict of interest between an application and a reviewer. It keeps the pair apart
 * unless the chair waived it with a written reason.
 */
@Entity
@Table(name = "review_conflicts")
class Conflict {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long callId;

	private long applicationId;

	private long reviewerId;

	@Enumerated(EnumType.STRING)
	private ConflictSource source;

	@Enumerated(EnumType.STRING)
	private ConflictSeverity severity;

	private String detail;

	private Instant detectedAt;

	private String waivedBy;

	private String waiverReason;

	private Instant waivedAt;

	protected Conflict() {
	}

	Long id() {
		return id;
	}

	long applicationId() {
		return applicationId;
	}

	long reviewerId() {
		return reviewerId;
	}

	ConflictSource source() {
		return source;
	}

	boolean waived() {
		return waivedAt != null;
	}

	void refresh(ConflictRules.Found found) {
		this.severity = found.severity();
		this.detail = found.detail();
	}

	void waive(String chairEmail, String reason, Instant now) {
		this.waivedBy = chairEmail;
		this.waiverReason = reason;
		this.waivedAt = now;
	}

	ConflictView toView() {
		return new ConflictView(id, callId, applicationId, reviewerId, source, severity, detail, detectedAt, waivedBy,
				waiverReason, waivedAt);
	}
}
