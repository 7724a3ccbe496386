package kr.aifellows.portal.review.conflicts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.ReviewProperties;
import kr.aifellows.portal.review.assignment.Assignment;
import kr.aifellows.portal.review.assignment.AssignmentRepository;
import kr.aifellows.portal.review.assignment.AssignmentState;
import kr.aifellows.portal.review.pool.Reviewer;
import kr.aifellows.portal.review.pool.ReviewerRepository;
import kr.aifellows.portal.review.pool.ReviewerView;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs the conflict rules and keeps their findings: before every assignment, when an
 * application is submitted or changes, and when a reviewer's profile or publications
 * change. An assignment whose pair becomes conflicted leaves the reviewer's queue and is
 * flagged for the chair.
 */
@Service
public class ConflictChecks {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private final ConflictRepository conflicts;

	private final ReviewerRepository reviewers;

	private final AssignmentRepository assignments;

	private final ApplicationCatalog applications;

	private final CallCatalog calls;

	private final ReviewProperties properties;

	private final AuditLog auditLog;

	private final InstitutionRegistry institutions;

	private final Clock clock;

	ConflictChecks(ConflictRepository conflicts, ReviewerRepository reviewers, AssignmentRepository assignments,
			ApplicationCatalog applications, CallCatalog calls, ReviewProperties properties, AuditLog auditLog,
			InstitutionRegistry institutions, Clock clock) {
		this.institutions = institutions;
		this.conflicts = conflicts;
		this.reviewers = reviewers;
		this.assignments = assignments;
		this.applications = applications;
		this.calls = calls;
		this.properties = properties;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional
	public void recheckCall(long callId) {
		List<ReviewerView> pool = reviewers.findAllByOrderById().stream().map(Reviewer::toView).toList();
		InstitutionMatcher matcher = institutions.matcher();
		inReview(callId).forEach(application -> pool.forEach(reviewer -> recheck(application, reviewer, matcher)));
	}

	@Transactional
	public void recheckApplication(long applicationId) {
		ApplicationView application = applications.forReview(applicationId);
		if (application.status() == ApplicationStatus.DRAFT || application.status() == ApplicationStatus.WITHDRAWN) {
			return;
		}
		InstitutionMatcher matcher = institutions.matcher();
		// One query for the application's findings rather than one per reviewer (each
		// submission
		// runs this against the whole pool; the deadline-rush profile showed those
		// queries).
		Map<Long, List<Conflict>> existing = conflicts.findByApplicationId(applicationId)
			.stream()
			.collect(Collectors.groupingBy(Conflict::reviewerId));
		reviewers.findAllByOrderById()
			.forEach(reviewer -> recheck(application, reviewer.toView(), matcher,
					new ArrayList<>(existing.getOrDefault(reviewer.id(), List.of()))));
	}

	@Transactional
	public void recheckReviewer(long reviewerId) {
		ReviewerView reviewer = reviewers.findById(reviewerId).orElseThrow().toView();
		InstitutionMatcher matcher = institutions.matcher();
		for (CallSummary call : calls.allCalls()) {
			inReview(call.id()).forEach(application -> recheck(application, reviewer, matcher));
		}
	}

	/**
	 * Merges a spelling into the institution another spelling stands for, re-runs the
	 * conflict checks of every call and tells what changed.
	 * @throws ReviewException see {@link InstitutionRegistry#merge}; nothing changes
	 */
	@Transactional
	public MergeOutcome mergeInstitutions(String spelling, String into, String chairEmail) {
		Map<String, ConflictView> before = snapshot();
		InstitutionRegistry.MergeView merge = institutions.merge(spelling, into, chairEmail);
		calls.allCalls().forEach(call -> recheckCall(call.id()));
		Map<String, ConflictView> after = snapshot();
		List<ConflictView> added = after.entrySet()
			.stream()
			.filter(e -> !before.containsKey(e.getKey()))
			.map(Map.Entry::getValue)
			.toList();
		List<ConflictView> removed = before.entrySet()
			.stream()
			.filter(e -> !after.containsKey(e.getKey()))
			.map(Map.Entry::getValue)
			.toList();
		return new MergeOutcome(merge, added, removed);
	}

	/**
	 * The affiliations in applications under review and reviewer profiles that the
	 * registry does not know, so that the chair can merge them; at most {@code limit},
	 * sorted.
	 */
	@Transactional(readOnly = true)
	public List<String> unrecognisedAffiliations(int limit) {
		InstitutionMatcher matcher = institutions.matcher();
		TreeSet<String> unknown = new TreeSet<>();
		Consumer<String> check = text -> {
			if (matcher.find(text).stream().noneMatch(InstitutionMatcher.Found::inRegistry)) {
				unknown.add(text.strip());
			}
		};
		reviewers.findAllByOrderById()
			.forEach(r -> r.toView().profile().affiliations().forEach(a -> check.accept(a.institution())));
		calls.allCalls()
			.forEach(call -> inReview(call.id())
				.forEach(a -> a.profile().affiliations().forEach(aff -> check.accept(aff.institution()))));
		return unknown.stream().limit(limit).toList();
	}

	private Map<String, ConflictView> snapshot() {
		Map<String, ConflictView> all = new LinkedHashMap<>();
		conflicts.findAllByOrderByIdAsc()
			.forEach(c -> all.put(c.applicationId() + "/" + c.reviewerId() + "/" + c.source(), c.toView()));
		return all;
	}

	/**
	 * What a merge of institution spellings changed: the conflicts it added and those it
	 * removed.
	 */
	public record MergeOutcome(InstitutionRegistry.MergeView merge, List<ConflictView> added,
			List<ConflictView> removed) {
	}

	@Transactional(readOnly = true)
	public List<ConflictView> forCall(long callId) {
		return conflicts.findByCallIdOrderByApplicationIdAscReviewerIdAsc(callId)
			.stream()
			.map(Conflict::toView)
			.toList();
	}

	@Transactional(readOnly = true)
	public boolean isConflicted(long applicationId, long reviewerId) {
		return conflicts.isConflicted(applicationId, reviewerId);
	}

	/**
	 * Lets a conflicted pair be assigned after all, for the written reason (audited).
	 * @throws ReviewException {@code conflict.reasonRequired} without a reason; nothing
	 * changes
	 */
	@Transactional
	public ConflictView waive(long conflictId, String reason, String chairEmail) {
		if (reason == null || reason.isBlank()) {
			throw new ReviewException("conflict.reasonRequired");
		}
		Conflict conflict = conflicts.findById(conflictId)
			.orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		conflict.waive(chairEmail, reason.strip(), now());
		auditLog.record(chairEmail, "CONFLICT_WAIVED",
				"application:" + conflict.applicationId() + " reviewer:" + conflict.reviewerId(),
				conflict.source() + ": " + reason.strip());
		return conflicts.save(conflict).toView();
	}

	private List<ApplicationView> inReview(long callId) {
		List<ApplicationView> found = new ArrayList<>();
		applications.forEach(callId, ApplicationStatus.SUBMITTED, null, found::add);
		applications.forEach(callId, ApplicationStatus.UNDER_REVIEW, null, found::add);
		return found;
	}

	private void recheck(ApplicationView application, ReviewerView reviewer, InstitutionMatcher matcher) {
		recheck(application, reviewer, matcher,
				conflicts.findByApplicationIdAndReviewerId(application.id(), reviewer.id()));
	}

	private void recheck(ApplicationView application, ReviewerView reviewer, InstitutionMatcher matcher,
			List<Conflict> existing) {
		int year = now().atZone(SEOUL).getYear();
		List<ConflictRules.Found> found = ConflictRules.detect(application, reviewer, year, properties.conflictYears(),
				matcher);
		for (Conflict conflict : existing) {
			found.stream()
				.filter(f -> f.source() == conflict.source())
				.findFirst()
				.ifPresentOrElse(f -> conflict.refresh(f), () -> conflicts.delete(conflict));
		}
		boolean added = false;
		for (ConflictRules.Found f : found) {
			if (existing.stream().noneMatch(c -> c.source() == f.source())) {
				added |= conflicts.insertIfAbsent(application.callId(), application.id(), reviewer.id(),
						f.source().name(), f.severity().name(), f.detail(), f.evidenceCode(),
						Conflict.joinEvidence(f.evidence()), now()) > 0;
			}
		}
		if (added && conflicts.isConflicted(application.id(), reviewer.id())) {
			for (Assignment assignment : assignments.findByApplicationIdAndReviewerIdAndState(application.id(),
					reviewer.id(), AssignmentState.ACTIVE)) {
				assignment.end(AssignmentState.CONFLICTED, found.get(0).source().name(), now());
				assignments.save(assignment);
				auditLog.record("system", "ASSIGNMENT_CONFLICTED",
						"application:" + application.id() + " reviewer:" + reviewer.id(), found.get(0).source().name());
			}
		}
	}

	private Instant now() {
		return Instant.now(clock);
	}

}
