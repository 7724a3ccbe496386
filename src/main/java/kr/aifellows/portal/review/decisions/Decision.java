package kr.aifellows.portal.review.decisions;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The chair's decision on one application, with its rationale and (when selected) the
 * GPU-hour grant. Published decisions reach the applicant.
 */
@Entity
@Table(name = "review_decisions")
class Decision {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long callId;

	private long applicationId;

	@Enumerated(EnumType.STRING)
	private DecisionOutcome outcome;

	private String rationale;

	private long gpuHours;

	private String decidedBy;

	private Instant decidedAt;

	private Instant publishedAt;

	protected Decision() {
	}

	Decision(long callId, long applicationId) {
		this.callId = callId;
		this.applicationId = applicationId;
	}

	long applicationId() {
		return applicationId;
	}

	DecisionOutcome outcome() {
		return outcome;
	}

	long gpuHours() {
		return gpuHours;
	}

	Instant decidedAt() {
		return decidedAt;
	}

	boolean isPublished() {
		return publishedAt != null;
	}

	void decide(DecisionOutcome outcome, String rationale, long gpuHours, String chairEmail, Instant now) {
		this.outcome = outcome;
		this.rationale = rationale;
		this.gpuHours = outcome == DecisionOutcome.SELECTED ? gpuHours : 0;
		this.decidedBy = chairEmail;
		this.decidedAt = now;
		this.publishedAt = null;
	}

	void publish(Instant now) {
		publishedAt = now;
	}

	DecisionView toView() {
		return new DecisionView(applicationId, callId, outcome, rationale, gpuHours, decidedBy, decidedAt, publishedAt);
	}

}
