package kr.aifellows.portal.review.scoring;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A message in the committee's discussion of one application.
 */
@Entity
@Table(name = "review_discussion")
class DiscussionPost {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long callId;

	private long applicationId;

	private String authorEmail;

	private String body;

	private Instant createdAt;

	protected DiscussionPost() {
	}

	DiscussionPost(long callId, long applicationId, String authorEmail, String body, Instant now) {
		this.callId = callId;
		this.applicationId = applicationId;
		this.authorEmail = authorEmail;
		this.body = body;
		this.createdAt = now;
	}

	PostView toView() {
		return new PostView(id, authorEmail, body, createdAt);
	}

	/**
	 * One message of a discussion.
	 */
	public record PostView(long id, String author, String body, Instant createdAt) {
	}

}
