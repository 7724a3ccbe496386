package kr.aifellows.portal.review.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.BibtexImporter;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerRelation;
import kr.aifellows.portal.review.pool.ReviewerView;
import kr.aifellows.portal.review.scoring.ReviewForm;
import kr.aifellows.portal.review.scoring.Reviewing;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reviewer's pages: the queue, the profile, and the review of one application.
 */
@Controller
class ReviewerController {

	private final ReviewerPool pool;

	private final Reviewing reviewing;

	private final Assignments assignments;

	ReviewerController(ReviewerPool pool, Reviewing reviewing, Assignments assignments) {
		this.pool = pool;
		this.reviewing = reviewing;
		this.assignments = assignments;
	}

	@GetMapping("/reviewer")
	String queue(@AuthenticationPrincipal PortalUser user, Model model) {
		ReviewerView me = me(user);
		model.addAttribute("me", me);
		List<Reviewing.QueueItem> queue = reviewing.queue(me.id());
		model.addAttribute("queue", queue);
		Map<Long, CallSummary> calls = new LinkedHashMap<>();
		queue.forEach(item -> calls.putIfAbsent(item.call().id(), item.call()));
		model.addAttribute("queueCalls", List.copyOf(calls.values()));
		model.addAttribute("now", Instant.now());
		return "review/reviewer";
	}

	@GetMapping("/reviewer/profile")
	String profile(@AuthenticationPrincipal PortalUser user, Model model) {
		ReviewerView me = me(user);
		if (!model.containsAttribute("profileForm")) {
			model.addAttribute("profileForm", ReviewerProfileForm.of(me.profile()));
		}
		model.addAttribute("me", me);
		model.addAttribute("areas", ResearchArea.values());
		model.addAttribute("relationKinds", ReviewerRelation.Kind.values());
		return "review/profile";
	}

	@PostMapping("/reviewer/profile")
	String saveProfile(@ModelAttribute("profileForm") ReviewerProfileForm form,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		String problem = form.problem();
		if (problem != null) {
			form.pad();
			redirect.addFlashAttribute("problem", problem);
			redirect.addFlashAttribute("profileForm", form);
			return "redirect:/reviewer/profile";
		}
		pool.saveProfile(me(user).id(), form.toProfile(), user.getUsername());
		redirect.addFlashAttribute("saved", true);
		return "redirect:/reviewer/profile";
	}

	@PostMapping("/reviewer/profile/publications")
	String addPublication(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String venue,
			@RequestParam(required = false) Integer year, @RequestParam(defaultValue = "") String authors,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		List<String> names = Arrays.stream(authors.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		if (title.isBlank() || year == null || year < 1950 || year > 2100 || names.isEmpty()) {
			redirect.addFlashAttribute("problem", "reviewer.profile.badPublication");
			return "redirect:/reviewer/profile#publications";
		}
		pool.addPublication(me(user).id(), Publication.of(title.strip(), venue.strip(), year, names, null, null),
				user.getUsername());
		redirect.addFlashAttribute("saved", true);
		return "redirect:/reviewer/profile#publications";
	}

	@PostMapping("/reviewer/profile/publications/import")
	String importBibtex(@RequestParam(defaultValue = "") String bibtex, @AuthenticationPrincipal PortalUser user,
			RedirectAttributes redirect) {
		BibtexImporter.ImportResult result = pool.importBibtex(me(user).id(), bibtex, user.getUsername());
		redirect.addFlashAttribute("imported", result.publications().size());
		redirect.addFlashAttribute("importProblems", result.problems());
		return "redirect:/reviewer/profile#publications";
	}

	@PostMapping("/reviewer/profile/publications/{index}/delete")
	String removePublication(@PathVariable int index, @AuthenticationPrincipal PortalUser user) {
		pool.removePublication(me(user).id(), index, user.getUsername());
		return "redirect:/reviewer/profile#publications";
	}

	@GetMapping("/reviewer/applications/{id}")
	String application(@PathVariable long id, @AuthenticationPrincipal PortalUser user, Model model) {
		Reviewing.ReviewerWorkspace workspace = reviewing.open(me(user).id(), id, user.getUsername());
		model.addAttribute("w", workspace);
		model.addAttribute("applicationId", id);
		if (model.getAttribute("entered") instanceof EnteredReview entered) {
			model.addAttribute("fieldProblems", entered.problems(workspace.call().criteria()));
		}
		else {
			model.addAttribute("entered", workspace.mine());
		}
		return "review/review";
	}

	@PostMapping("/reviewer/applications/{id}/review")
	String save(@PathVariable long id, @RequestParam(name = "score", required = false) List<String> scores,
			@RequestParam(required = false) String confidence,
			@RequestParam(defaultValue = "") String commentsToApplicant,
			@RequestParam(defaultValue = "") String confidentialComments,
			@RequestParam(defaultValue = "draft") String action, @AuthenticationPrincipal PortalUser user,
			RedirectAttributes redirect) {
		long reviewerId = me(user).id();
		List<Integer> values = new ArrayList<>();
		Integer confidenceValue;
		try {
			for (String score : scores == null ? List.<String>of() : scores) {
				values.add(score == null || score.isBlank() ? null : Integer.valueOf(score.strip()));
			}
			confidenceValue = confidence == null || confidence.isBlank() ? null : Integer.valueOf(confidence.strip());
		}
		catch (NumberFormatException ex) {
			// someone else's application is not found, whatever the form holds
			reviewing.requireAccess(reviewerId, id);
			redirect.addFlashAttribute("problem", "review.notANumber");
			redirect.addFlashAttribute("entered",
					new EnteredReview(scores, confidence, commentsToApplicant, confidentialComments));
			return "redirect:/reviewer/applications/" + id + "#review";
		}
		ReviewForm form = new ReviewForm(values, confidenceValue, commentsToApplicant, confidentialComments);
		try {
			reviewing.save(reviewerId, id, form, "submit".equals(action), user.getUsername());
			redirect.addFlashAttribute("saved", "submit".equals(action) ? "submitted" : "draft");
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
			redirect.addFlashAttribute("entered",
					new EnteredReview(scores, confidence, commentsToApplicant, confidentialComments));
		}
		return "redirect:/reviewer/applications/" + id + "#review";
	}

	@PostMapping("/reviewer/applications/{id}/decline")
	String decline(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		try {
			assignments.decline(me(user).id(), id, reason, user.getUsername());
			redirect.addFlashAttribute("declined", true);
			return "redirect:/reviewer";
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
			return "redirect:/reviewer/applications/" + id;
		}
	}

	@PostMapping("/reviewer/applications/{id}/discussion")
	String post(@PathVariable long id, @RequestParam(defaultValue = "") String body,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		try {
			reviewing.post(me(user).id(), id, body, user.getUsername());
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/reviewer/applications/" + id + "#discussion";
	}

	@GetMapping("/reviewer/applications/{id}/files/{fileId}")
	ResponseEntity<InputStreamResource> file(@PathVariable long id, @PathVariable long fileId,
			@RequestParam(required = false) String reason, @AuthenticationPrincipal PortalUser user)
			throws IOException {
		Portfolios.StoredFile stored = reviewing.file(me(user).id(), id, fileId, user.getUsername(), reason);
		InputStream content = stored.content().open();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(stored.file().mediaType()))
			.contentLength(stored.file().sizeBytes())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(stored.file().fileName(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(new InputStreamResource(content));
	}

	private ReviewerView me(PortalUser user) {
		return pool.me(user.accountId(), user.getUsername(), user.displayName());
	}

}
