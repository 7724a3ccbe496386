package kr.aifellows.portal.accounts;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A single-use link sent by mail. Only the token's hash is stored, so a database leak
 * does not leak working links.
 */
@Entity
@Table(name = "account_tokens")
class AccountToken {

	enum Purpose {

		VERIFY_EMAIL, RESET_PASSWORD

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String tokenHash;

	@Enumerated(EnumType.STRING)
	private Purpose purpose;

	private Long accountId;

	private Instant createdAt;

	private Instant expiresAt;

	private Instant usedAt;

	protected AccountToken() {
	}

	AccountToken(String tokenHash, Purpose purpose, long accountId, Instant createdAt, Instant expiresAt) {
		this.tokenHash = tokenHash;
		this.purpose = purpose;
		this.accountId = accountId;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	long accountId() {
		return accountId;
	}

	boolean usableAt(Instant now) {
		return usedAt == null && expiresAt.isAfter(now);
	}

	void use(Instant now) {
		usedAt = now;
	}

}
