package kr.aifellows.portal.review.web;

import java.time.Instant;

import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.scoring.ReviewRound.RoundView;

/**
 * Where a call stands in its one life, as the chair's pages show it in steps; each
 * transition is offered only from the stage it belongs to.
 */
public enum CallStage {

	OPEN, CLOSED, REVIEW, DISCUSSION, DECIDED, PUBLISHED;

	public static CallStage of(Instant now, CallSummary call, RoundView round, long pendingDecisions, int undecided) {
		if (round == null) {
			return now.isBefore(call.closesAt()) ? OPEN : CLOSED;
		}
		if (round.publishedAt() != null && pendingDecisions == 0) {
			return PUBLISHED;
		}
		if (undecided == 0 && pendingDecisions > 0) {
			return DECIDED;
		}
		return round.locked() ? DISCUSSION : REVIEW;
	}

	/**
	 * Reviewing may start (or take in late submissions) until the decisions are
	 * published.
	 */
	public boolean canStartReview() {
		return this != PUBLISHED;
	}

	public boolean canPublish() {
		return this == DISCUSSION || this == DECIDED || this == REVIEW;
	}

}
