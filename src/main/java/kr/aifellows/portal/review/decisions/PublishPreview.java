package kr.aifellows.portal.review.decisions;

import java.util.List;
import java.util.Map;

/**
 * What publishing a call's decisions would do now, for the chair's confirmation page.
 *
 * @param pending decisions not yet published, by outcome
 * @param undecided applications in review with no decision yet (they stay unpublished)
 * @param grantedHours GPU hours the pending selections grant
 * @param mails one mail of each kind that would be sent, as the applicant would get it
 */
public record PublishPreview(Map<DecisionOutcome, Long> pending, int undecided, long grantedHours,
		List<MailPreview> mails) {

	public long pendingTotal() {
		return pending.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * One mail of a kind.
	 */
	public record MailPreview(DecisionOutcome outcome, String subject, String body) {
	}

}
