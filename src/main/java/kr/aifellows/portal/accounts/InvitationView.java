package kr.aifellows.portal.accounts;

import java.time.Instant;

/**
 * An invitation as shown to the inviter and the invitee.
 */
public record InvitationView(long id, String email, Role role, String invitedBy, Instant createdAt, Instant expiresAt,
		Instant acceptedAt) {
}
