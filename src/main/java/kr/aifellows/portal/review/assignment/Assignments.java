package kr.aifellows.portal.review.assignment;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.ReviewProperties;
import kr.aifellows.portal.review.conflicts.ConflictChecks;
import kr.aifellows.portal.review.pool.Reviewer;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerRepository;
import kr.aifellows.portal.review.scoring.ReviewRepository;
import kr.aifellows.portal.review.scoring.ReviewRound;
import kr.aifellows.portal.review.scoring.ReviewRoundRepository;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who reviews what in a call: the automatic assignment (a min-cost flow over the
 * conflict-free pairs), the chair's changes by hand, reviewers declining, and the start
 * and lock of the round.
 */
@Service
public class Assignments {

	private final AssignmentRepository assignments;

	private final ReviewerRepository reviewers;

	private final ReviewRoundRepository rounds;

	private final ConflictChecks conflicts;

	private final ApplicationCatalog applications;

	private final CallCatalog calls;

	private final ReviewProperties properties;

	private final AuditLog auditLog;

	private final Clock clock;

	private final AutomaticAssignment automatic;

	private final ApplicationEventPublisher events;

	Assignments(AssignmentRepository assignments, ReviewerRepository reviewers, ReviewRepository reviews,
			ReviewRoundRepository rounds, ConflictChecks conflicts, ReviewerPool pool, ApplicationCatalog applications,
			CallCatalog calls, ExpertiseSimilarity similarity, ReviewProperties properties, AuditLog auditLog,
			Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.assignments = assignments;
		this.reviewers = reviewers;
		this.rounds = rounds;
		this.conflicts = conflicts;
		this.applications = applications;
		this.calls = calls;
		this.properties = properties;
		this.auditLog = auditLog;
		this.clock = clock;
		this.automatic = new AutomaticAssignment(assignments, reviewers, reviews, conflicts, pool, similarity, auditLog,
				clock, events);
	}

	/**
	 * Re-checks conflicts, then assigns exactly the call's k reviewers to every
	 * application in review. Pinned pairs, pairs the chair added by hand and pairs with a
	 * review already started are kept; declined and conflicted pairs are never proposed.
	 * When no assignment exists, nothing changes and the outcome names the applications
	 * that cannot get k reviewers.
	 */
	@Transactional
	public Outcome run(long callId, String chairEmail) {
		return automatic.run(call(callId), () -> inReview(callId), chairEmail);
	}

	/**
	 * Assigns a reviewer by hand; the pair is pinned.
	 * @throws ReviewException {@code assignment.conflicted} for an unwaived conflict,
	 * {@code assignment.exists} when already assigned
	 */
	@Transactional
	public AssignmentView add(long callId, long applicationId, long reviewerId, String chairEmail) {
		ApplicationView application = applications.forReview(applicationId);
		if (application.callId() != callId || !inReviewStatus(application.status())) {
			throw new ReviewException(ReviewException.NOT_FOUND);
		}
		Reviewer reviewer = reviewers.findById(reviewerId)
			.orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		conflicts.recheckApplication(applicationId);
		if (conflicts.isConflicted(applicationId, reviewerId)) {
			throw new ReviewException("assignment.conflicted");
		}
		if (assignments.isAssigned(applicationId, reviewerId)) {
			throw new ReviewException("assignment.exists");
		}
		Assignment assignment = new Assignment(callId, applicationId, reviewer.id(), false, 0, now());
		assignment.pin(true, now());
		auditLog.record(chairEmail, "ASSIGNMENT_ADDED", "application:" + applicationId + " reviewer:" + reviewerId,
				null);
		AssignmentView saved = assignments.save(assignment).toView();
		events.publishEvent(new ReviewerAssigned(callId, applicationId, reviewerId, reviewer.accountId()));
		return saved;
	}

	@Transactional
	public AssignmentView remove(long callId, long assignmentId, String chairEmail) {
		Assignment assignment = inCall(callId, assignmentId);
		assignment.end(AssignmentState.REMOVED, "removed by chair", now());
		auditLog.record(chairEmail, "ASSIGNMENT_REMOVED",
				"application:" + assignment.applicationId() + " reviewer:" + assignment.reviewerId(), null);
		return assignments.save(assignment).toView();
	}

	/**
	 * One assignment of the call, for a page that asks before changing it.
	 * @throws ReviewException {@code NOT_FOUND} for an assignment of another call
	 */
	@Transactional(readOnly = true)
	public AssignmentView find(long callId, long assignmentId) {
		return inCall(callId, assignmentId).toView();
	}

	@Transactional
	public AssignmentView pin(long callId, long assignmentId, boolean pinned, String chairEmail) {
		Assignment assignment = inCall(callId, assignmentId);
		if (!assignment.isActive()) {
			throw new ReviewException("assignment.notActive");
		}
		assignment.pin(pinned, now());
		auditLog.record(chairEmail, pinned ? "ASSIGNMENT_PINNED" : "ASSIGNMENT_UNPINNED",
				"application:" + assignment.applicationId() + " reviewer:" + assignment.reviewerId(), null);
		return assignments.save(assignment).toView();
	}

	/**
	 * The reviewer gives an application back, with a reason; the chair then reassigns it.
	 * @throws ReviewException {@code assignment.declineReasonRequired} without a reason
	 */
	@Transactional
	public void decline(long reviewerId, long applicationId, String reason, String reviewerEmail) {
		if (reason == null || reason.isBlank()) {
			throw new ReviewException("assignment.declineReasonRequired");
		}
		List<Assignment> active = assignments.findByApplicationIdAndReviewerIdAndState(applicationId, reviewerId,
				AssignmentState.ACTIVE);
		if (active.isEmpty() || conflicts.isConflicted(applicationId, reviewerId)) {
			throw new ReviewException(ReviewException.NOT_FOUND);
		}
		active.forEach(assignment -> {
			assignment.end(AssignmentState.DECLINED, reason.strip(), now());
			assignments.save(assignment);
		});
		auditLog.record(reviewerEmail, "ASSIGNMENT_DECLINED",
				"application:" + applicationId + " reviewer:" + reviewerId, reason.strip());
	}

	/**
	 * Starts the review: submitted applications move to "under review" and reviewers get
	 * a due date. Running it again changes nothing.
	 */
	@Transactional
	public ReviewRound.RoundView startReview(long callId, String chairEmail) {
		CallSummary call = call(callId);
		// Reviews are due a review period after the later of now and the deadline, never
		// before the call closes.
		Instant reviewFrom = call.closesAt().isAfter(now()) ? call.closesAt() : now();
		ReviewRound round = rounds.findById(callId)
			.orElseGet(() -> rounds.save(new ReviewRound(callId, now(), reviewFrom.plus(properties.reviewPeriod()))));
		List<ApplicationView> submitted = new ArrayList<>();
		applications.forEach(callId, ApplicationStatus.SUBMITTED, null, submitted::add);
		submitted.forEach(application -> applications.moveTo(application.id(), ApplicationStatus.UNDER_REVIEW));
		auditLog.record(chairEmail, "REVIEW_STARTED", "call:" + callId, submitted.size() + " applications");
		return round.toView();
	}

	@Transactional
	public ReviewRound.RoundView lock(long callId, boolean locked, String chairEmail) {
		ReviewRound round = rounds.findForUpdate(callId).orElseThrow(() -> new ReviewException("round.notStarted"));
		if (locked) {
			round.lock(now());
		}
		else {
			round.unlock();
		}
		auditLog.record(chairEmail, locked ? "ROUND_LOCKED" : "ROUND_UNLOCKED", "call:" + callId, null);
		return round.toView();
	}

	@Transactional(readOnly = true)
	public Optional<ReviewRound.RoundView> round(long callId) {
		return rounds.findById(callId).map(ReviewRound::toView);
	}

	/**
	 * Submitted applications not yet in review: all of them before the start, late ones
	 * after it.
	 */
	@Transactional(readOnly = true)
	public long awaitingReview(long callId) {
		return applications.count(callId, ApplicationStatus.SUBMITTED);
	}

	@Transactional(readOnly = true)
	public List<AssignmentView> forCall(long callId) {
		return assignments.findByCallIdOrderByApplicationIdAscReviewerIdAsc(callId)
			.stream()
			.map(Assignment::toView)
			.toList();
	}

	/**
	 * The applications of the call that the committee reviews (submitted or under
	 * review).
	 */
	@Transactional(readOnly = true)
	public List<ApplicationView> inReviewApplications(long callId) {
		return inReview(callId);
	}

	/**
	 * An application of the call, for the chair.
	 * @throws ReviewException {@code review.notFound} for another call's or a draft
	 * application
	 */
	@Transactional(readOnly = true)
	public ApplicationView application(long callId, long applicationId) {
		ApplicationView application = applications.forReview(applicationId);
		if (application.callId() != callId || application.status() == ApplicationStatus.DRAFT) {
			throw new ReviewException(ReviewException.NOT_FOUND);
		}
		return application;
	}

	/** The applications of the call past submission: in review or decided. */
	@Transactional(readOnly = true)
	public List<ApplicationView> applicationsWithDecisions(long callId) {
		List<ApplicationView> found = new ArrayList<>();
		for (ApplicationStatus status : List.of(ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW,
				ApplicationStatus.SELECTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED)) {
			applications.forEach(callId, status, null, found::add);
		}
		found.sort(Comparator.comparingLong(ApplicationView::id));
		return found;
	}

	List<ApplicationView> inReview(long callId) {
		List<ApplicationView> found = new ArrayList<>();
		applications.forEach(callId, ApplicationStatus.SUBMITTED, null, found::add);
		applications.forEach(callId, ApplicationStatus.UNDER_REVIEW, null, found::add);
		found.sort(Comparator.comparingLong(ApplicationView::id));
		return found;
	}

	private static boolean inReviewStatus(ApplicationStatus status) {
		return status == ApplicationStatus.SUBMITTED || status == ApplicationStatus.UNDER_REVIEW;
	}

	private Assignment inCall(long callId, long assignmentId) {
		return assignments.findById(assignmentId)
			.filter(assignment -> assignment.callId() == callId)
			.orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
	}

	private CallSummary call(long callId) {
		return calls.find(callId).orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
	}

	private Instant now() {
		return Instant.now(clock);
	}

	/**
	 * What an automatic assignment did, or why it could not.
	 *
	 * @param shortOfReviewers the applications that cannot get k conflict-free reviewers
	 */
	public record Outcome(boolean feasible, int added, int removed, List<Long> shortOfReviewers,
			String explanation) implements Serializable {
	}

}
