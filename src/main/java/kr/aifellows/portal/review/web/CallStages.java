package kr.aifellows.portal.review.web;

import java.time.Clock;

import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.decisions.Decisions;

import org.springframework.stereotype.Component;

/**
 * Works out a call's stage, for the chair's pages and the administrators' overview alike.
 */
@Component
class CallStages {

	private final Assignments assignments;

	private final Decisions decisions;

	private final Clock clock;

	CallStages(Assignments assignments, Decisions decisions, Clock clock) {
		this.assignments = assignments;
		this.decisions = decisions;
		this.clock = clock;
	}

	Stage of(CallSummary call) {
		Decisions.Unpublished unpublished = decisions.unpublished(call.id());
		CallStage stage = CallStage.of(clock.instant(), call, assignments.round(call.id()).orElse(null),
				unpublished.pending(), unpublished.undecided());
		return new Stage(stage, unpublished.pending());
	}

	/** A call's stage and how many of its decisions wait to be published. */
	record Stage(CallStage stage, long pendingDecisions) {
	}

}
