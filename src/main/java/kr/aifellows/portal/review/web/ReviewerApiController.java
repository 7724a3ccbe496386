package kr.aifellows.portal.review.web;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerView;
import kr.aifellows.portal.review.scoring.Reviewing;
import kr.aifellows.portal.shared.ApiProblems;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewer's queue in the REST API, read only: exactly the assignments the reviewer's
 * page lists ({@link Reviewing#queue}), with what that page shows of each (a blind call's
 * queue shows no applicant).
 */
@RestController
@Tag(name = "Reviewer", description = "The review queue (role REVIEWER, scope REVIEW)")
@SecurityRequirement(name = "token")
class ReviewerApiController {

	private final ReviewerPool pool;

	private final Reviewing reviewing;

	ReviewerApiController(ReviewerPool pool, Reviewing reviewing) {
		this.pool = pool;
		this.reviewing = reviewing;
	}

	record QueueEntry(long applicationId, long callId, String callTitle, String proposalTitle, Instant dueAt,
			String reviewStatus, boolean blind) {
	}

	@GetMapping("/api/v1/reviewer/assignments")
	@Operation(summary = "The applications assigned to the reviewer and where each review stands")
	List<QueueEntry> queue(@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
		ReviewerView me = pool.me(user.accountId(), user.getUsername(), user.displayName());
		return reviewing.queue(me.id())
			.stream()
			.map(item -> new QueueEntry(item.applicationId(), item.call().id(),
					item.call().title(ApiProblems.locale(request)), item.proposalTitle(), item.dueAt(),
					item.reviewStatus(), item.call().blindReview()))
			.toList();
	}

}
