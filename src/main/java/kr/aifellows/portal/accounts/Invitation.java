package kr.aifellows.portal.accounts;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "invitations")
class Invitation {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	@Enumerated(EnumType.STRING)
	private Role role;

	private String invitedBy;

	private String tokenHash;

	private Instant createdAt;

	private Instant expiresAt;

	private Instant acceptedAt;

	private Long acceptedAccountId;

	protected Invitation() {
	}

	Invitation(String email, Role role, String invitedBy, String tokenHash, Instant createdAt, Instant expiresAt) {
		this.email = Account.normalizeEmail(email);
		this.role = role;
		this.invitedBy = invitedBy;
		this.tokenHash = tokenHash;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	String email() {
		return email;
	}

	Role role() {
		return role;
	}

	boolean openAt(Instant now) {
		return acceptedAt == null && expiresAt.isAfter(now);
	}

	void accept(long accountId, Instant now) {
		acceptedAt = now;
		acceptedAccountId = accountId;
	}

	InvitationView toView() {
		return new InvitationView(id, email, role, invitedBy, createdAt, expiresAt, acceptedAt);
	}

}
