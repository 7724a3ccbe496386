package kr.aifellows.portal.system;

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
		/** Kept in the outbox for an administrator to read; no SMTP server is configured. */
		HELD,
		/** Waiting for (another) SMTP delivery attempt. */
		PENDING,
		SENT
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

	boolean isPending() {
		return status == Status.PENDING;
	}

	void markSent(Instant now) {
		status = Status.SENT;
		sentAt = now;
		attempts++;
		lastError = null;
	}

	void markFailedAttempt(String error) {
		attempts++;
		lastError = error;
	}

	MailOutbox.OutboxMessageView toView() {
		return new MailOutbox.OutboxMessageView(id, createdAt, recipient, subject, body, status.name(), attempts,
				sentAt);
	}
}
