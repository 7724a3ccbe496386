package kr.aifellows.portal.review.assignment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.assignment.solver.AssignmentProblem;
import kr.aifellows.portal.review.assignment.solver.AssignmentResult;
import kr.aifellows.portal.review.assignment.solver.AssignmentSolver;
import kr.aifellows.portal.review.conflicts.ConflictChecks;
import kr.aifellows.portal.review.conflicts.ConflictView;
import kr.aifellows.portal.review.pool.Reviewer;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerRepository;
import kr.aifellows.portal.review.pool.ReviewerView;
import kr.aifellows.portal.review.scoring.ReviewRepository;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The automatic run of {@link Assignments}: reads the current pairs and conflicts, asks
 * the solver for a min-cost flow over the conflict-free pairs and writes its answer back.
 */
record AutomaticAssignment(AssignmentRepository assignments, ReviewerRepository reviewers, ReviewRepository reviews,
		ConflictChecks conflicts, ReviewerPool pool, ExpertiseSimilarity similarity, AuditLog auditLog, Clock clock,
		ApplicationEventPublisher events) {

	private static final AssignmentSolver SOLVER = new AssignmentSolver();

	/**
	 * Runs in the caller's transaction; the applications in review are read after the
	 * conflict recheck.
	 */
	Assignments.Outcome run(CallSummary call, Supplier<List<ApplicationView>> applicationsInReview, String chairEmail) {
		long callId = call.id();
		pool.linkAcceptedInvitations();
		conflicts.recheckCall(callId);
		List<ApplicationView> inReview = applicationsInReview.get();
		List<Reviewer> panel = reviewers.findAllByOrderById().stream().filter(r -> r.accountId() != null).toList();
		PairIndex index = PairIndex.of(inReview, panel);
		List<Assignment> current = assignments.findByCallIdOrderByApplicationIdAscReviewerIdAsc(callId);
		Set<Long> blocked = new HashSet<>();
		List<AssignmentProblem.Pair> pinned = new ArrayList<>();
		readCurrent(current, index, blocked, pinned);
		for (ConflictView conflict : conflicts.forCall(callId)) {
			Long pair = index.key(conflict.applicationId(), conflict.reviewerId());
			if (pair != null && !conflict.waived()) {
				blocked.add(pair);
			}
		}
		double[][] affinity = affinities(inReview, panel);
		int[] capacity = panel.stream().mapToInt(Reviewer::loadCap).toArray();
		int[] floor = panel.stream().mapToInt(Reviewer::loadFloor).toArray();
		AssignmentProblem problem = new AssignmentProblem(inReview.size(), panel.size(), call.reviewsPerApplication(),
				capacity, floor, (i, j) -> affinity[i][j], (i, j) -> blocked.contains(PairIndex.key(i, j)), pinned);
		AssignmentResult result = SOLVER.solve(problem);
		if (!result.feasible()) {
			List<Long> short_ = result.shortOfReviewers().stream().map(i -> inReview.get(i).id()).toList();
			auditLog.record(chairEmail, "ASSIGNMENT_INFEASIBLE", "call:" + callId, result.explanation());
			return new Assignments.Outcome(false, 0, 0, short_, result.explanation());
		}
		Instant now = now();
		Set<Long> kept = new HashSet<>();
		int removed = removeUnchosen(current, index, result, kept, now);
		int added = 0;
		for (AssignmentProblem.Pair pair : result.assignments()) {
			if (!kept.contains(PairIndex.key(pair.application(), pair.reviewer()))) {
				Reviewer reviewer = panel.get(pair.reviewer());
				long applicationId = inReview.get(pair.application()).id();
				assignments.save(new Assignment(callId, applicationId, reviewer.id(), true,
						affinity[pair.application()][pair.reviewer()], now));
				events.publishEvent(new ReviewerAssigned(callId, applicationId, reviewer.id(), reviewer.accountId()));
				added++;
			}
		}
		auditLog.record(chairEmail, "ASSIGNMENT_RUN", "call:" + callId,
				"added=" + added + " removed=" + removed + " totalAffinity=" + result.totalAffinity());
		return new Assignments.Outcome(true, added, removed, List.of(), "");
	}

	// Declined and conflicted pairs are never proposed again; kept ones are pinned.
	private void readCurrent(List<Assignment> current, PairIndex index, Set<Long> blocked,
			List<AssignmentProblem.Pair> pinned) {
		for (Assignment assignment : current) {
			Integer i = index.applications().get(assignment.applicationId());
			Integer j = index.reviewers().get(assignment.reviewerId());
			if (i == null || j == null) {
				continue;
			}
			if (assignment.state() == AssignmentState.DECLINED || assignment.state() == AssignmentState.CONFLICTED) {
				blocked.add(PairIndex.key(i, j));
			}
			else if (assignment.isActive() && keeps(assignment)) {
				pinned.add(new AssignmentProblem.Pair(i, j));
			}
		}
	}

	// Ends the active assignments the solver did not choose again; the chosen ones go
	// into kept.
	private int removeUnchosen(List<Assignment> current, PairIndex index, AssignmentResult result, Set<Long> kept,
			Instant now) {
		Set<Long> chosen = new HashSet<>();
		result.assignments().forEach(pair -> chosen.add(PairIndex.key(pair.application(), pair.reviewer())));
		int removed = 0;
		for (Assignment assignment : current) {
			if (!assignment.isActive()) {
				continue;
			}
			Long pair = index.key(assignment.applicationId(), assignment.reviewerId());
			if (pair != null && chosen.contains(pair)) {
				kept.add(pair);
			}
			else {
				assignment.end(AssignmentState.REMOVED, "reassigned", now);
				assignments.save(assignment);
				removed++;
			}
		}
		return removed;
	}

	/**
	 * Pairs the chair fixed or added, and pairs whose review has begun, survive a new
	 * run.
	 */
	private boolean keeps(Assignment assignment) {
		return assignment.pinned()
				|| reviews.findByApplicationIdAndReviewerId(assignment.applicationId(), assignment.reviewerId())
					.isPresent();
	}

	private double[][] affinities(List<ApplicationView> inReview, List<Reviewer> panel) {
		List<ExpertiseSimilarity.Candidate> reviewerSides = panel.stream().map(r -> {
			ReviewerView view = r.toView();
			String text = String.join("\n", view.publications().stream().map(Publication::title).toList());
			return new ExpertiseSimilarity.Candidate(view.id(), view.profile().areas(), text);
		}).toList();
		List<ExpertiseSimilarity.Candidate> applicationSides = inReview.stream()
			.map(application -> new ExpertiseSimilarity.Candidate(application.id(), application.profile().areas(),
					nullToEmpty(application.proposal().title()) + "\n"
							+ nullToEmpty(application.proposal().abstractText())))
			.toList();
		return similarity.affinities(applicationSides, reviewerSides);
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

	private Instant now() {
		return Instant.now(clock);
	}

}
