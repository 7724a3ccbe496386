package kr.aifellows.portal.review.conflicts;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A detected conflict of interest between an application and a reviewer. It keeps the
 * pair apart unless the chair waived it with a written reason.
 */
@Entity
@Table(name = "review_conflicts")
public class Conflict {

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

	private String evidenceCode;

	/** The evidence arguments, one a line. */
	private String evidenceArgs;

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
		this.evidenceCode = found.evidenceCode();
		this.evidenceArgs = joinEvidence(found.evidence());
	}

	static String joinEvidence(List<String> evidence) {
		return String.join("\n", evidence.stream().map(e -> e == null ? "" : e.replace('\n', ' ')).toList());
	}

	ConflictSeverity severity() {
		return severity;
	}

	void waive(String chairEmail, String reason, Instant now) {
		this.waivedBy = chairEmail;
		this.waiverReason = reason;
		this.waivedAt = now;
	}

	ConflictView toView() {
		List<String> evidence = evidenceArgs == null || evidenceArgs.isEmpty() ? List.of()
				: List.of(evidenceArgs.split("\n", -1));
		return new ConflictView(id, callId, applicationId, reviewerId, source, severity, detail, evidenceCode, evidence,
				detectedAt, waivedBy, waiverReason, waivedAt);
	}

}
