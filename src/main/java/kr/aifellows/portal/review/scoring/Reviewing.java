package kr.aifellows.portal.review.scoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.calls.Criterion;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.assignment.Assignment;
import kr.aifellows.portal.review.assignment.AssignmentRepository;
import kr.aifellows.portal.review.assignment.AssignmentState;
import kr.aifellows.portal.review.conflicts.ConflictRepository;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reviewer's side: the queue, the (blind or open) application, the review form,
 * others' reviews and the discussion once one's own review is in. A reviewer reaches only
 * applications assigned to them and free of unwaived conflicts; anything else is "not
 * found". Every view and change is audited. Other modules reach it as the named interface
 * {@code scoring}; the rest of the package is the module's own.
 */
@NamedInterface("scoring")
@Service
public class Reviewing {

	private final AssignmentRepository assignments;

	private final ReviewRepository reviews;

	private final ReviewRoundRepository rounds;

	private final DiscussionRepository discussion;

	private final ConflictRepository conflicts;

	private final ApplicationCatalog applications;

	private final CallCatalog calls;

	private final AuditLog auditLog;

	private final AccessRecords accessRecords;

	private final Clock clock;

	Reviewing(AssignmentRepository assignments, ReviewRepository reviews, ReviewRoundRepository rounds,
			DiscussionRepository discussion, ConflictRepository conflicts, ApplicationCatalog applications,
			CallCatalog calls, AuditLog auditLog, AccessRecords accessRecords, Clock clock) {
		this.accessRecords = accessRecords;
		this.assignments = assignments;
		this.reviews = reviews;
		this.rounds = rounds;
		this.discussion = discussion;
		this.conflicts = conflicts;
		this.applications = applications;
		this.calls = calls;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<QueueItem> queue(long reviewerId) {
		// A few queries for the whole queue, not several per item: it is the page
		// reviewers live on.
		Set<Long> conflicted = conflicts.findConflictedApplicationIds(reviewerId);
		List<Assignment> active = assignments
			.findByReviewerIdAndStateOrderByCallIdAscApplicationIdAsc(reviewerId, AssignmentState.ACTIVE)
			.stream()
			.filter(a -> !conflicted.contains(a.applicationId()))
			.toList();
		Map<Long, String> reviewStatus = new HashMap<>();
		reviews.findByReviewerId(reviewerId)
			.forEach(r -> reviewStatus.put(r.applicationId(), r.isSubmitted() ? "SUBMITTED" : "DRAFT"));
		Map<Long, ApplicationCatalog.Listing> listed = applications
			.listings(active.stream().map(Assignment::applicationId).toList());
		Map<Long, CallSummary> callsById = new HashMap<>();
		Map<Long, Optional<Instant>> dueByCall = new HashMap<>();
		return active.stream().map(a -> {
			CallSummary call = callsById.computeIfAbsent(a.callId(), id -> calls.find(id).orElseThrow());
			ApplicationCatalog.Listing application = listed.get(a.applicationId());
			if (application == null) {
				throw new PortfolioException("application.notFound");
			}
			Optional<Instant> due = dueByCall.computeIfAbsent(a.callId(),
					id -> rounds.findById(id).map(ReviewRound::dueAt));
			return new QueueItem(a.applicationId(), call, application.proposalTitle(), due.orElse(null),
					reviewStatus.getOrDefault(a.applicationId(), "NOT_STARTED"));
		}).toList();
	}

	/**
	 * Opens an assigned application for its reviewer: the blind view in a blind call, the
	 * whole application (without the applicant's exclusion list) otherwise.
	 * @throws ReviewException {@code review.notFound} when not assigned or conflicted
	 */
	@Transactional(readOnly = true)
	public ReviewerWorkspace open(long reviewerId, long applicationId, String reviewerEmail) {
		requireAccess(reviewerId, applicationId);
		ApplicationView application = applications.forReview(applicationId);
		CallSummary call = calls.find(application.callId()).orElseThrow();
		auditLog.record(reviewerEmail, "APPLICATION_VIEWED", "application:" + applicationId, "reviewer:" + reviewerId);
		accessRecords.record(reviewerEmail, application.applicantAccountId(), AccessAction.VIEW,
				"application:" + applicationId, null);
		Optional<ReviewView> mine = reviews.findByApplicationIdAndReviewerId(applicationId, reviewerId)
			.map(Review::toView);
		boolean submitted = mine.map(ReviewView::submitted).orElse(false);
		List<ReviewView> others = submitted ? reviews.findByApplicationIdOrderById(applicationId)
			.stream()
			.filter(r -> r.reviewerId() != reviewerId && r.isSubmitted())
			.map(Review::toView)
			.toList() : List.of();
		List<DiscussionPost.PostView> posts = submitted
				? discussion.findByApplicationIdOrderById(applicationId).stream().map(DiscussionPost::toView).toList()
				: List.of();
		boolean locked = rounds.findById(call.id()).map(ReviewRound::isLocked).orElse(false);
		return new ReviewerWorkspace(call, call.blindReview() ? null : withoutExclusions(application),
				call.blindReview() ? applications.forBlindReview(applicationId) : null, mine.orElse(null), others,
				posts, locked);
	}

	/**
	 * A file of an open (not blind) call's application, for its assigned reviewer, who
	 * says why (recorded in the access records).
	 * @throws kr.aifellows.portal.privacy.AccessReasonRequiredException without a reason
	 */
	@Transactional(readOnly = true)
	public Portfolios.StoredFile file(long reviewerId, long applicationId, long fileId, String reviewerEmail,
			String reason) {
		requireAccess(reviewerId, applicationId);
		ApplicationView application = applications.forReview(applicationId);
		if (calls.find(application.callId()).orElseThrow().blindReview()) {
			throw new ReviewException(ReviewException.NOT_FOUND);
		}
		accessRecords.record(reviewerEmail, application.applicantAccountId(), AccessAction.DOWNLOAD,
				"application:" + applicationId + " file:" + fileId, reason);
		auditLog.record(reviewerEmail, "APPLICATION_FILE_VIEWED", "application:" + applicationId, "file:" + fileId);
		return applications.openFile(applicationId, fileId);
	}

	/**
	 * Saves the review as a draft or submits it; a submitted review stays editable until
	 * the chair locks the round.
	 * @throws ReviewException for a score outside its criterion's scale, a missing score
	 * or confidence on submit, or a locked round; nothing is saved then
	 */
	@Transactional
	public ReviewView save(long reviewerId, long applicationId, ReviewForm form, boolean submit, String reviewerEmail) {
		requireAccess(reviewerId, applicationId);
		ApplicationView application = applications.forReview(applicationId);
		CallSummary call = calls.find(application.callId()).orElseThrow();
		if (rounds.findById(call.id()).map(ReviewRound::isLocked).orElse(false)) {
			throw new ReviewException("review.locked");
		}
		Double weighted = check(call.criteria(), form, submit);
		Review review = reviews.findByApplicationIdAndReviewerId(applicationId, reviewerId)
			.orElseGet(() -> new Review(call.id(), applicationId, reviewerId, now()));
		boolean wasSubmitted = review.isSubmitted();
		review.update(form, weighted, submit || wasSubmitted, now());
		Review saved = reviews.save(review);
		auditLog.record(reviewerEmail,
				submit && !wasSubmitted ? "REVIEW_SUBMITTED" : wasSubmitted ? "REVIEW_CHANGED" : "REVIEW_DRAFT_SAVED",
				"application:" + applicationId, "scores=" + form.scores() + " confidence=" + form.confidence());
		return saved.toView();
	}

	/**
	 * Adds to the committee's discussion of an application; a reviewer may join once
	 * their own review is submitted.
	 */
	@Transactional
	public void post(long reviewerId, long applicationId, String body, String reviewerEmail) {
		requireAccess(reviewerId, applicationId);
		boolean submitted = reviews.findByApplicationIdAndReviewerId(applicationId, reviewerId)
			.map(Review::isSubmitted)
			.orElse(false);
		if (!submitted) {
			throw new ReviewException("discussion.submitFirst");
		}
		postAs(applicationId, body, reviewerEmail);
	}

	/** The chair's post in a discussion. */
	@Transactional
	public void postAsChair(long applicationId, String body, String chairEmail) {
		postAs(applicationId, body, chairEmail);
	}

	private void postAs(long applicationId, String body, String author) {
		if (body == null || body.isBlank() || body.length() > 5000) {
			throw new ReviewException("discussion.bodyInvalid");
		}
		ApplicationView application = applications.forReview(applicationId);
		discussion.save(new DiscussionPost(application.callId(), applicationId, author, body.strip(), now()));
		auditLog.record(author, "DISCUSSION_POSTED", "application:" + applicationId, null);
	}

	@Transactional(readOnly = true)
	public List<ReviewView> reviewsOf(long applicationId) {
		return reviews.findByApplicationIdOrderById(applicationId).stream().map(Review::toView).toList();
	}

	@Transactional(readOnly = true)
	public List<DiscussionPost.PostView> discussionOf(long applicationId) {
		return discussion.findByApplicationIdOrderById(applicationId).stream().map(DiscussionPost::toView).toList();
	}

	/**
	 * The reviewers' comments to the applicant (submitted reviews, anonymous), for the
	 * applicant's decision page once the decision is published.
	 */
	@Transactional(readOnly = true)
	public List<String> commentsToApplicant(long applicationId) {
		return reviews.findByApplicationIdOrderById(applicationId)
			.stream()
			.map(Review::toView)
			.filter(ReviewView::submitted)
			.map(ReviewView::commentsToApplicant)
			.filter(comment -> comment != null && !comment.isBlank())
			.toList();
	}

	@Transactional(readOnly = true)
	public List<ReviewView> submittedFor(long callId) {
		return reviews.findByCallIdAndStatus(callId, Review.Status.SUBMITTED).stream().map(Review::toView).toList();
	}

	/**
	 * @throws ReviewException {@link ReviewException#NOT_FOUND} unless the application is
	 * assigned to the reviewer without a conflict
	 */
	public void requireAccess(long reviewerId, long applicationId) {
		if (!assignments.isAssigned(applicationId, reviewerId) || conflicts.isConflicted(applicationId, reviewerId)) {
			throw new ReviewException(ReviewException.NOT_FOUND);
		}
	}

	/**
	 * @return the weighted score on 0..100 when every criterion is scored, else null
	 */
	static Double check(List<Criterion> criteria, ReviewForm form, boolean submit) {
		if (form.scores().size() != criteria.size()) {
			throw new ReviewException("review.scoresMissing");
		}
		boolean complete = true;
		double weighted = 0;
		double weights = 0;
		for (int i = 0; i < criteria.size(); i++) {
			Criterion criterion = criteria.get(i);
			Integer score = form.scores().get(i);
			if (score == null) {
				complete = false;
				continue;
			}
			if (score < criterion.scaleMin() || score > criterion.scaleMax()) {
				// The message names the criterion in the reader's language, as the form
				// does.
				throw new ReviewException("review.scoreOutOfScale", criterion.name(LocaleContextHolder.getLocale()),
						criterion.scaleMin(), criterion.scaleMax());
			}
			double weight = criterion.weight().doubleValue();
			weighted += weight * (score - criterion.scaleMin()) / (criterion.scaleMax() - criterion.scaleMin());
			weights += weight;
		}
		if (form.confidence() != null && (form.confidence() < 1 || form.confidence() > 5)) {
			throw new ReviewException("review.confidenceOutOfScale");
		}
		if (length(form.commentsToApplicant()) > ReviewForm.COMMENT_MAX
				|| length(form.confidentialComments()) > ReviewForm.COMMENT_MAX) {
			throw new ReviewException("review.commentTooLong", ReviewForm.COMMENT_MAX);
		}
		if (submit && (!complete || form.confidence() == null)) {
			throw new ReviewException("review.incomplete");
		}
		return complete && weights > 0 ? BigDecimal.valueOf(100 * weighted / weights).doubleValue() : null;
	}

	private static int length(String text) {
		return text == null ? 0 : text.length();
	}

	private static ApplicationView withoutExclusions(ApplicationView a) {
		return new ApplicationView(a.id(), a.callId(), a.applicantAccountId(), a.applicantEmail(), a.status(),
				a.profile(), a.publications(), a.openSource(), a.proposal(), a.files(), a.receiptNumber(),
				a.createdAt(), a.updatedAt(), a.submittedAt(), a.withdrawnAt(), List.of());
	}

	private Instant now() {
		return Instant.now(clock);
	}

	/**
	 * One line of a reviewer's queue.
	 *
	 * @param reviewStatus NOT_STARTED, DRAFT or SUBMITTED
	 */
	public record QueueItem(long applicationId, CallSummary call, String proposalTitle, Instant dueAt,
			String reviewStatus) {
	}

	/**
	 * What a reviewer sees of one application: exactly one of {@code application} (open
	 * call) and {@code blind} (blind call), their own review, and the others' reviews and
	 * the discussion once their own is submitted.
	 */
	public record ReviewerWorkspace(CallSummary call, ApplicationView application,
			ApplicationCatalog.BlindApplication blind, ReviewView mine, List<ReviewView> others,
			List<DiscussionPost.PostView> discussion, boolean locked) {
	}

}
