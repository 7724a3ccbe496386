package kr.aifellows.portal.review.pool;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * Someone the reviewer declares a tie to: an advisor or advisee, or a person or
 * institution they have a conflict with. Each is a conflict-of-interest source.
 */
@Embeddable
public record ReviewerRelation(@Enumerated(EnumType.STRING) Kind kind, String name, String email) {

	/** What the tie is. */
	public enum Kind {

		ADVISOR, ADVISEE, PERSON, INSTITUTION

	}
}
