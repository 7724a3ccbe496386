package kr.aifellows.portal.review.scoring;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A call's review round. Its row is also the lock that serialises grant decisions against
 * the call's GPU-hour envelope.
 */
@Entity
@Table(name = "review_rounds")
public class ReviewRound {

	@Id
	private Long callId;

	private Instant startedAt;

	private Instant dueAt;

	private Instant lockedAt;

	private Instant publishedAt;

	@Version
	private long version;

	protected ReviewRound() {
	}

	public ReviewRound(long callId, Instant startedAt, Instant dueAt) {
		this.callId = callId;
		this.startedAt = startedAt;
		this.dueAt = dueAt;
	}

	Instant dueAt() {
		return dueAt;
	}

	boolean isLocked() {
		return lockedAt != null;
	}

	public Instant publishedAt() {
		return publishedAt;
	}

	public void lock(Instant now) {
		lockedAt = now;
	}

	public void unlock() {
		lockedAt = null;
	}

	public void published(Instant now) {
		publishedAt = now;
	}

	public RoundView toView() {
		return new RoundView(callId, startedAt, dueAt, lockedAt, publishedAt);
	}

	/**
	 * A call's review round as the pages show it.
	 */
	public record RoundView(long callId, Instant startedAt, Instant dueAt, Instant lockedAt, Instant publishedAt) {

		public boolean locked() {
			return lockedAt != null;
		}
	}

}
