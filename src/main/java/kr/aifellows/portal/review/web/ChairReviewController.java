package kr.aifellows.portal.review.web;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.assignment.AssignmentState;
import kr.aifellows.portal.review.assignment.AssignmentView;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.conflicts.ConflictChecks;
import kr.aifellows.portal.review.conflicts.ConflictView;
import kr.aifellows.portal.review.decisions.DecisionOutcome;
import kr.aifellows.portal.review.decisions.DecisionView;
import kr.aifellows.portal.review.decisions.Decisions;
import kr.aifellows.portal.review.decisions.PublishPreview;
import kr.aifellows.portal.review.decisions.Ranking;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerView;
import kr.aifellows.portal.review.scoring.Reviewing;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chair's committee pages for a call: assignment with conflicts, reviews and
 * discussion, calibrated ranking, decisions.
 */
@Controller
class ChairReviewController {

	private static final int PAGE_SIZE = 25;

	private final CallCatalog calls;

	private final Assignments assignments;

	private final ConflictChecks conflicts;

	private final ReviewerPool pool;

	private final Reviewing reviewing;

	private final Ranking ranking;

	private final Decisions decisions;

	private final AccessRecords accessRecords;

	private final CallStages stages;

	ChairReviewController(CallCatalog calls, Assignments assignments, ConflictChecks conflicts, ReviewerPool pool,
			Reviewing reviewing, Ranking ranking, Decisions decisions, AccessRecords accessRecords, CallStages stages) {
		this.accessRecords = accessRecords;
		this.stages = stages;
		this.calls = calls;
		this.assignments = assignments;
		this.conflicts = conflicts;
		this.pool = pool;
		this.reviewing = reviewing;
		this.ranking = ranking;
		this.decisions = decisions;
	}

	@GetMapping("/chair/calls/{id}/review")
	String assignment(@PathVariable long id, Model model) {
		CallSummary call = call(id);
		List<ReviewerView> reviewers = pool.all();
		List<AssignmentView> all = assignments.forCall(id);
		Map<Long, List<AssignmentView>> byApplication = all.stream()
			.collect(Collectors.groupingBy(AssignmentView::applicationId));
		Map<Long, Long> load = all.stream()
			.filter(a -> a.state() == AssignmentState.ACTIVE)
			.collect(Collectors.groupingBy(AssignmentView::reviewerId, Collectors.counting()));
		model.addAttribute("call", call);
		model.addAttribute("round", assignments.round(id).orElse(null));
		model.addAttribute("applications", assignments.inReviewApplications(id));
		model.addAttribute("byApplication", byApplication);
		model.addAttribute("reviewers", reviewers);
		model.addAttribute("reviewerNames",
				reviewers.stream().collect(Collectors.toMap(ReviewerView::id, ReviewerView::displayName)));
		model.addAttribute("load", load);
		List<ConflictView> found = conflicts.forCall(id);
		model.addAttribute("conflicts", found);
		// The manual picker offers only reviewers not yet on the application, and names a
		// conflict it would meet.
		model.addAttribute("assignedPairs",
				all.stream()
					.filter(a -> a.state() == AssignmentState.ACTIVE)
					.map(a -> a.applicationId() + ":" + a.reviewerId())
					.collect(Collectors.toSet()));
		model.addAttribute("openConflicts",
				found.stream()
					.filter(c -> !c.waived())
					.collect(Collectors.toMap(c -> c.applicationId() + ":" + c.reviewerId(), c -> c, (x, y) -> x)));
		addStage(call, model);
		return "review/assignment";
	}

	/**
	 * Starting cannot be undone (the submitted applications move into review), so it goes
	 * through a page that says what will happen, and says it louder while the call is
	 * still open.
	 */
	@PostMapping("/chair/calls/{id}/review/start")
	String start(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
			@AuthenticationPrincipal PortalUser user, Model model, RedirectAttributes redirect) {
		CallSummary call = call(id);
		CallStage stage = addStage(call, model);
		if (!stage.canStartReview()) {
			return "redirect:/chair/calls/" + id + "/review";
		}
		if (!confirmed) {
			model.addAttribute("call", call);
			model.addAttribute("early", stage == CallStage.OPEN);
			return "review/start-confirm";
		}
		assignments.startReview(id, user.getUsername());
		redirect.addFlashAttribute("notice", "round.started");
		return "redirect:/chair/calls/" + id + "/review";
	}

	@PostMapping("/chair/calls/{id}/review/lock")
	String lock(@PathVariable long id, @RequestParam boolean locked, @AuthenticationPrincipal PortalUser user,
			RedirectAttributes redirect) {
		try {
			assignments.lock(id, locked, user.getUsername());
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/calls/" + id + "/review";
	}

	@PostMapping("/chair/calls/{id}/review/assign")
	String run(@PathVariable long id, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		call(id);
		Assignments.Outcome outcome = assignments.run(id, user.getUsername());
		redirect.addFlashAttribute("outcome", outcome);
		return "redirect:/chair/calls/" + id + "/review";
	}

	@PostMapping("/chair/calls/{id}/review/assignments")
	String add(@PathVariable long id, @RequestParam long applicationId, @RequestParam long reviewerId,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		try {
			assignments.add(id, applicationId, reviewerId, user.getUsername());
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/calls/" + id + "/review#application-" + applicationId;
	}

	/**
	 * Removing a reviewer ends their review of the application and cannot be undone: a
	 * page asks first (the assignment page's dialog asks instead with JavaScript).
	 */
	@PostMapping("/chair/calls/{id}/review/assignments/{assignmentId}/remove")
	String remove(@PathVariable long id, @PathVariable long assignmentId,
			@RequestParam(defaultValue = "false") boolean confirmed, @AuthenticationPrincipal PortalUser user,
			Model model) {
		if (!confirmed) {
			AssignmentView assignment = assignments.find(id, assignmentId);
			model.addAttribute("call", call(id));
			model.addAttribute("assignment", assignment);
			model.addAttribute("reviewer", pool.find(assignment.reviewerId()).orElseThrow());
			return "review/remove-confirm";
		}
		AssignmentView removed = assignments.remove(id, assignmentId, user.getUsername());
		return "redirect:/chair/calls/" + id + "/review#application-" + removed.applicationId();
	}

	@PostMapping("/chair/calls/{id}/review/assignments/{assignmentId}/pin")
	String pin(@PathVariable long id, @PathVariable long assignmentId, @RequestParam boolean pinned,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		try {
			assignments.pin(id, assignmentId, pinned, user.getUsername());
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/calls/" + id + "/review";
	}

	@PostMapping("/chair/calls/{id}/review/conflicts/{conflictId}/waive")
	String waive(@PathVariable long id, @PathVariable long conflictId, @RequestParam(defaultValue = "") String reason,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		try {
			conflicts.waive(conflictId, reason, user.getUsername());
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/calls/" + id + "/review#conflicts";
	}

	@GetMapping("/chair/calls/{id}/review/applications/{applicationId}")
	String reviews(@PathVariable long id, @PathVariable long applicationId, @AuthenticationPrincipal PortalUser chair,
			Model model) {
		CallSummary call = call(id);
		ApplicationView application = assignments.inReviewApplications(id)
			.stream()
			.filter(a -> a.id() == applicationId)
			.findFirst()
			.orElseGet(() -> assignments.application(id, applicationId));
		accessRecords.record(chair.getUsername(), application.applicantAccountId(), AccessAction.VIEW,
				"application:" + applicationId + " reviews", null);
		model.addAttribute("call", call);
		model.addAttribute("portfolio", application);
		model.addAttribute("reviews", reviewing.reviewsOf(applicationId));
		model.addAttribute("posts", reviewing.discussionOf(applicationId));
		model.addAttribute("reviewerNames",
				pool.all().stream().collect(Collectors.toMap(ReviewerView::id, ReviewerView::displayName)));
		model.addAttribute("decision",
				decisions.forCall(id)
					.stream()
					.filter(d -> d.applicationId() == applicationId)
					.findFirst()
					.orElse(null));
		return "review/chair-reviews";
	}

	@PostMapping("/chair/calls/{id}/review/applications/{applicationId}/discussion")
	String post(@PathVariable long id, @PathVariable long applicationId, @RequestParam(defaultValue = "") String body,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		assignments.application(id, applicationId);
		try {
			reviewing.postAsChair(applicationId, body, user.getUsername());
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/calls/" + id + "/review/applications/" + applicationId + "#discussion";
	}

	@GetMapping("/chair/calls/{id}/ranking")
	String ranking(@PathVariable long id, @RequestParam(defaultValue = "calibrated") String sort,
			@RequestParam(defaultValue = "desc") String dir, @RequestParam(defaultValue = "0") int page, Model model) {
		CallSummary call = call(id);
		Ranking.Result result = ranking.rank(id);
		Comparator<Ranking.Row> order = switch (sort) {
			case "raw" -> Comparator.comparingDouble(r -> r.score().raw());
			case "disagreement" -> Comparator.comparingDouble(r -> r.score().disagreement());
			case "reviews" -> Comparator.comparingInt(r -> r.score().reviews());
			case "application" -> Comparator.comparingLong(r -> r.score().application());
			default -> Comparator.comparingDouble(r -> r.score().calibrated());
		};
		if (!"asc".equals(dir)) {
			order = order.reversed();
		}
		List<Ranking.Row> sorted = result.rows().stream().sorted(order).toList();
		int from = Math.min(Math.max(page, 0) * PAGE_SIZE, sorted.size());
		int to = Math.min(from + PAGE_SIZE, sorted.size());
		model.addAttribute("call", call);
		model.addAttribute("page",
				new PageImpl<>(sorted.subList(from, to), PageRequest.of(Math.max(page, 0), PAGE_SIZE), sorted.size()));
		model.addAttribute("sort", sort);
		model.addAttribute("dir", dir);
		model.addAttribute("reviewerStats", result.reviewers());
		model.addAttribute("budget", decisions.budget(id));
		model.addAttribute("round", assignments.round(id).orElse(null));
		model.addAttribute("outcomes", DecisionOutcome.values());
		model.addAttribute("distribution", Charts.distribution(result.rows()));
		model.addAttribute("leniency", Charts.leniency(result.reviewers()));
		addStage(call, model);
		return "review/ranking";
	}

	@PostMapping("/chair/calls/{id}/decisions/{applicationId}")
	String decide(@PathVariable long id, @PathVariable long applicationId,
			@RequestParam(required = false) DecisionOutcome outcome, @RequestParam(defaultValue = "") String rationale,
			@RequestParam(required = false) Long gpuHours, @AuthenticationPrincipal PortalUser user,
			RedirectAttributes redirect) {
		try {
			decisions.decide(id, applicationId, outcome, rationale, gpuHours, user.getUsername());
			redirect.addFlashAttribute("decided", applicationId);
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/calls/" + id + "/ranking";
	}

	/**
	 * Publishing mails every applicant and grants GPU hours, so it passes through a page
	 * with the counts, the hours and one mail of each kind; while applications lack a
	 * decision the chair must choose to publish the decided ones only. A second click
	 * publishes nothing twice.
	 */
	@PostMapping("/chair/calls/{id}/decisions/publish")
	String publish(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
			@RequestParam(defaultValue = "false") boolean decidedOnly, @AuthenticationPrincipal PortalUser user,
			Model model, RedirectAttributes redirect) {
		CallSummary call = call(id);
		PublishPreview preview = decisions.preview(id);
		if (!confirmed || preview.pendingTotal() == 0 || (preview.undecided() > 0 && !decidedOnly)) {
			model.addAttribute("call", call);
			model.addAttribute("preview", preview);
			model.addAttribute("decidedOnlyMissing", confirmed);
			addStage(call, model);
			return "review/publish-confirm";
		}
		try {
			redirect.addFlashAttribute("published", decisions.publish(id, user.getUsername(), decidedOnly));
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/calls/" + id + "/ranking";
	}

	private CallStage addStage(CallSummary call, Model model) {
		CallStages.Stage current = stages.of(call);
		CallStage stage = current.stage();
		model.addAttribute("stage", stage);
		model.addAttribute("pendingDecisions", current.pendingDecisions());
		model.addAttribute("stages", CallStage.values());
		model.addAttribute("awaitingReview", assignments.awaitingReview(call.id()));
		return stage;
	}

	private CallSummary call(long id) {
		return calls.find(id).orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
	}

	static <T> Map<Long, T> index(List<T> items, Function<T, Long> key) {
		Map<Long, T> map = new HashMap<>();
		items.forEach(item -> map.put(key.apply(item), item));
		return map;
	}

	static Map<Long, DecisionView> decisionsByApplication(List<DecisionView> decisions) {
		return index(decisions, DecisionView::applicationId);
	}

}
