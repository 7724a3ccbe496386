package kr.aifellows.portal.review.pool;

import java.time.Instant;
import java.util.List;

import kr.aifellows.portal.portfolios.Publication;

/**
 * A reviewer of the pool as the chair and the reviewer see them.
 */
public record ReviewerView(long id, String email, Long accountId, ReviewerProfile profile,
		List<Publication> publications, int loadCap, int loadFloor, Instant createdAt, Instant updatedAt) {

	public boolean hasAccount() {
		return accountId != null;
	}

	public String displayName() {
		return profile.name() == null || profile.name().isBlank() ? email : profile.name();
	}
}
