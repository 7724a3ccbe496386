package kr.aifellows.portal.review.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A reviewer's review of one application: a score per rubric criterion (in the rubric's
 * order), confidence and comments. A draft until submitted; editable until the chair
 * locks the round.
 */
@Entity
@Table(name = "reviews")
public class Review {

	public enum Status {

		DRAFT, SUBMITTED

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long callId;

	private long applicationId;

	private long reviewerId;

	@Enumerated(EnumType.STRING)
	private Status status = Status.DRAFT;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "review_scores", joinColumns = @JoinColumn(name = "review_id"))
	@OrderColumn(name = "position")
	@Column(name = "score")
	private List<Integer> scores = new ArrayList<>();

	private Integer confidence;

	@Column(columnDefinition = "text")
	private String commentsToApplicant;

	@Column(columnDefinition = "text")
	private String confidentialComments;

	private Double weightedScore;

	private Instant createdAt;

	private Instant updatedAt;

	private Instant submittedAt;

	@Version
	private long version;

	protected Review() {
	}

	Review(long callId, long applicationId, long reviewerId, Instant now) {
		this.callId = callId;
		this.applicationId = applicationId;
		this.reviewerId = reviewerId;
		this.createdAt = now;
		this.updatedAt = now;
	}

	Long id() {
		return id;
	}

	public long applicationId() {
		return applicationId;
	}

	public long reviewerId() {
		return reviewerId;
	}

	boolean isSubmitted() {
		return status == Status.SUBMITTED;
	}

	void update(ReviewForm form, Double weightedScore, boolean submit, Instant now) {
		scores.clear();
		scores.addAll(form.scores());
		confidence = form.confidence();
		commentsToApplicant = form.commentsToApplicant();
		confidentialComments = form.confidentialComments();
		this.weightedScore = weightedScore;
		updatedAt = now;
		if (submit) {
			status = Status.SUBMITTED;
			if (submittedAt == null) {
				submittedAt = now;
			}
		}
	}

	public ReviewView toView() {
		return new ReviewView(id, callId, applicationId, reviewerId, status == Status.SUBMITTED,
				Collections.unmodifiableList(new ArrayList<>(scores)), confidence, commentsToApplicant,
				confidentialComments, weightedScore, updatedAt, submittedAt);
	}

}
