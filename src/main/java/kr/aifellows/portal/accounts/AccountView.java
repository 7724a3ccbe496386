package kr.aifellows.portal.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * A read-only view of an account for other modules and pages.
 */
public record AccountView(long id, String email, String displayName, boolean emailVerified, Set<Role> roles,
		boolean active, Instant createdAt) {

	public boolean has(Role role) {
		return roles.contains(role);
	}
}
