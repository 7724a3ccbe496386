package kr.aifellows.portal.review.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerSheetImport;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chair's reviewer pool: invite one reviewer, import a sheet of them, set load caps.
 */
@Controller
class ReviewerPoolController {

	private final ReviewerPool pool;

	private final ReviewerSheetImport sheets;

	ReviewerPoolController(ReviewerPool pool, ReviewerSheetImport sheets) {
		this.pool = pool;
		this.sheets = sheets;
	}

	@GetMapping("/chair/reviewers")
	String list(Model model) {
		pool.linkAcceptedInvitations();
		model.addAttribute("reviewers", pool.all());
		model.addAttribute("areas", ResearchArea.values());
		return "review/reviewers";
	}

	@PostMapping("/chair/reviewers")
	String invite(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
			@RequestParam(required = false) Set<ResearchArea> areas, @AuthenticationPrincipal PortalUser user,
			Locale locale, RedirectAttributes redirect) {
		if (name.isBlank() || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
			redirect.addFlashAttribute("problem", "reviewer.nameAndEmailRequired");
			return "redirect:/chair/reviewers";
		}
		try {
			pool.invite(new ReviewerPool.NewReviewer(name.strip(), email.strip(), List.of(),
					areas == null ? Set.of() : areas), user.getUsername(), locale);
			redirect.addFlashAttribute("invited", email.strip());
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/reviewers";
	}

	@PostMapping("/chair/reviewers/import")
	String importSheet(@RequestParam("file") MultipartFile file, @AuthenticationPrincipal PortalUser user,
			Locale locale, RedirectAttributes redirect) throws IOException {
		if (file.isEmpty()) {
			redirect.addFlashAttribute("problem", "reviewer.import.empty");
			return "redirect:/chair/reviewers";
		}
		String job = sheets.start(file.getBytes(), user.getUsername(), locale);
		return "redirect:/chair/reviewers/import/" + job;
	}

	@GetMapping("/chair/reviewers/import/{job}")
	String importProgress(@PathVariable String job, Model model) {
		model.addAttribute("job",
				sheets.progress(job).orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND)));
		return "review/reviewer-import";
	}

	@PostMapping("/chair/reviewers/{id}/load")
	String setLoad(@PathVariable long id, @RequestParam int cap, @RequestParam(defaultValue = "0") int floor,
			@AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		try {
			pool.setLoad(id, cap, floor, user.getUsername());
		}
		catch (ReviewException ex) {
			Problems.flash(ex, redirect);
		}
		return "redirect:/chair/reviewers";
	}

}
