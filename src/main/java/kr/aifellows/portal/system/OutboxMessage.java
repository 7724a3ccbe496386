package kr.aifellows.portal.system;

import java.time.Duration;
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
@Table(name = "mail_outbox")
class OutboxMessage {

	enum Status {

		/**
		 * Kept in the outbox for an administrator to read; no SMTP server is configured.
		 */
		HELD,
		/** Waiting for (another) SMTP delivery attempt. */
		PENDING,
		/**
		 * Claimed by one instance, which is handing it to the SMTP server until
		 * {@code claimedUntil}.
		 */
		SENDING, SENT

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String recipient;

	private String subject;

	@Column(columnDefinition = "text")
	private String body;

	@Enumerated(EnumType.STRING)
	private Status status;

	private int attempts;

	@Column(columnDefinition = "text")
	private String lastError;

	private Instant createdAt;

	private Instant sentAt;

	private Instant claimedUntil;

	private int handoffs;

	protected OutboxMessage() {
	}

	OutboxMessage(OutgoingMail mail, boolean viaSmtp, Instant now) {
		this.recipient = mail.to();
		this.subject = mail.subject();
		this.body = mail.body();
		this.status = viaSmtp ? Status.PENDING : Status.HELD;
		this.createdAt = now;
	}

	long id() {
		return id;
	}

	String recipient() {
		return recipient;
	}

	String subject() {
		return subject;
	}

	String body() {
		return body;
	}

	int handoffs() {
		return handoffs;
	}

	/**
	 * Claims the message for one hand-off to the SMTP server: it is pending, or the
	 * instance that claimed it before died (or hung) before it recorded the outcome.
	 * @return whether this caller may send it now
	 */
	boolean claim(Instant now, Duration lease) {
		boolean claimable = status == Status.PENDING
				|| (status == Status.SENDING && claimedUntil != null && !claimedUntil.isAfter(now));
		if (claimable) {
			status = Status.SENDING;
			claimedUntil = now.plus(lease);
			handoffs++;
		}
		return claimable;
	}

	void markSent(Instant now) {
		status = Status.SENT;
		sentAt = now;
		claimedUntil = null;
		attempts++;
		lastError = null;
	}

	void markFailedAttempt(String error) {
		status = Status.PENDING;
		claimedUntil = null;
		attempts++;
		lastError = error;
	}

	MailOutbox.OutboxMessageView toView() {
		return new MailOutbox.OutboxMessageView(id, createdAt, recipient, subject, body, status.name(), attempts,
				sentAt);
	}

}
