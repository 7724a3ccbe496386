package kr.aifellows.portal.review.assignment;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A reviewer assigned to an application of a call.
 */
@Entity
@Table(name = "review_assignments")
public class Assignment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long callId;

	private long applicationId;

	private long reviewerId;

	@Enumerated(EnumType.STRING)
	private AssignmentState state = AssignmentState.ACTIVE;

	private boolean pinned;

	private boolean automatic;

	private String note;

	private double affinity;

	private Instant createdAt;

	private Instant updatedAt;

	protected Assignment() {
	}

	Assignment(long callId, long applicationId, long reviewerId, boolean automatic, double affinity, Instant now) {
		this.callId = callId;
		this.applicationId = applicationId;
		this.reviewerId = reviewerId;
		this.automatic = automatic;
		this.affinity = affinity;
		this.createdAt = now;
		this.updatedAt = now;
	}

	Long id() {
		return id;
	}

	public long callId() {
		return callId;
	}

	public long applicationId() {
		return applicationId;
	}

	long reviewerId() {
		return reviewerId;
	}

	AssignmentState state() {
		return state;
	}

	boolean pinned() {
		return pinned;
	}

	boolean isActive() {
		return state == AssignmentState.ACTIVE;
	}

	void pin(boolean pinned, Instant now) {
		this.pinned = pinned;
		this.updatedAt = now;
	}

	public void end(AssignmentState state, String note, Instant now) {
		this.state = state;
		this.note = note;
		this.pinned = false;
		this.updatedAt = now;
	}

	AssignmentView toView() {
		return new AssignmentView(id, callId, applicationId, reviewerId, state, pinned, automatic, note, affinity,
				createdAt, updatedAt);
	}

}
