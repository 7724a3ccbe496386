package kr.aifellows.portal.portfolios.calls;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A later deadline for one applicant of one call.
 */
@Entity
@Table(name = "call_extensions")
class CallExtension {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long callId;

	private long applicantAccountId;

	private Instant closesAt;

	private String reason;

	private String grantedBy;

	private Instant grantedAt;

	protected CallExtension() {
	}

	CallExtension(long callId, long applicantAccountId, Instant closesAt, String reason, String grantedBy,
			Instant grantedAt) {
		this.callId = callId;
		this.applicantAccountId = applicantAccountId;
		this.closesAt = closesAt;
		this.reason = reason;
		this.grantedBy = grantedBy;
		this.grantedAt = grantedAt;
	}

	Instant closesAt() {
		return closesAt;
	}

	void change(Instant newClosesAt, String newReason, String by, Instant at) {
		closesAt = newClosesAt;
		reason = newReason;
		grantedBy = by;
		grantedAt = at;
	}

}
