package kr.aifellows.portal.review.assignment;

import org.springframework.modulith.NamedInterface;

/**
 * A reviewer was given an application of a call to review, by hand or by the automatic
 * assignment; {@code reviewerAccountId} is null while the reviewer has not yet accepted
 * the invitation.
 */
@NamedInterface("assignment-events")
public record ReviewerAssigned(long callId, long applicationId, long reviewerId, Long reviewerAccountId) {
}
