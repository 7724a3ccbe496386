package kr.aifellows.portal.review;

import java.time.Clock;
import java.time.Instant;

import kr.aifellows.portal.portfolios.ApplicationSubmitted;
import kr.aifellows.portal.portfolios.ApplicationUpdated;
import kr.aifellows.portal.portfolios.ApplicationWithdrawn;
import kr.aifellows.portal.review.assignment.AssignmentRepository;
import kr.aifellows.portal.review.assignment.AssignmentState;
import kr.aifellows.portal.review.conflicts.ConflictChecks;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the committee's view in step with the applications: conflicts are re-checked when
 * an application is submitted or changes, and a withdrawn application leaves every queue.
 */
@Component
class ReviewEvents {

	private final ConflictChecks conflicts;

	private final AssignmentRepository assignments;

	private final Clock clock;

	ReviewEvents(ConflictChecks conflicts, AssignmentRepository assignments, Clock clock) {
		this.conflicts = conflicts;
		this.assignments = assignments;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ApplicationSubmitted event) {
		conflicts.recheckApplication(event.applicationId());
	}

	@ApplicationModuleListener
	void on(ApplicationUpdated event) {
		conflicts.recheckApplication(event.applicationId());
	}

	@ApplicationModuleListener
	void on(ApplicationWithdrawn event) {
		assignments.findByApplicationIdAndState(event.applicationId(), AssignmentState.ACTIVE).forEach(assignment -> {
			assignment.end(AssignmentState.REMOVED, "withdrawn", Instant.now(clock));
			assignments.save(assignment);
		});
	}

}
