package kr.aifellows.portal.review.web;

import java.util.stream.Collectors;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.conflicts.ConflictChecks;
import kr.aifellows.portal.review.conflicts.InstitutionMatcher;
import kr.aifellows.portal.review.conflicts.InstitutionRegistry;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerView;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The chair's page to see how spellings of institutions are read and to merge two
 * spellings into one institution; a merge re-runs the conflict checks and shows what
 * changed.
 */
@Controller
class InstitutionController {

	private static final int UNRECOGNISED_SHOWN = 200;

	private final InstitutionRegistry registry;

	private final ConflictChecks conflicts;

	private final ReviewerPool pool;

	InstitutionController(InstitutionRegistry registry, ConflictChecks conflicts, ReviewerPool pool) {
		this.registry = registry;
		this.conflicts = conflicts;
		this.pool = pool;
	}

	@GetMapping("/chair/institutions")
	String page(@RequestParam(defaultValue = "") String check, Model model) {
		if (!check.isBlank()) {
			model.addAttribute("check", check.strip());
			model.addAttribute("checked", registry.matcher().find(check));
		}
		return render(model, "", "");
	}

	@PostMapping("/chair/institutions/merge")
	String merge(@RequestParam(defaultValue = "") String spelling, @RequestParam(defaultValue = "") String into,
			@AuthenticationPrincipal PortalUser user, Model model) {
		try {
			ConflictChecks.MergeOutcome outcome = conflicts.mergeInstitutions(spelling, into, user.getUsername());
			model.addAttribute("outcome", outcome);
			return render(model, "", "");
		}
		catch (ReviewException ex) {
			model.addAttribute("problem", ex.code());
			model.addAttribute("problemArguments", ex.arguments());
			return render(model, spelling, into);
		}
	}

	private String render(Model model, String spelling, String into) {
		InstitutionMatcher matcher = registry.matcher();
		model.addAttribute("spelling", spelling);
		model.addAttribute("into", into);
		model.addAttribute("registrySize", InstitutionMatcher.registrySize());
		model.addAttribute("merges", registry.merges());
		model.addAttribute("unrecognised", conflicts.unrecognisedAffiliations(UNRECOGNISED_SHOWN));
		model.addAttribute("matcher", matcher);
		model.addAttribute("reviewerNames",
				pool.all().stream().collect(Collectors.toMap(ReviewerView::id, ReviewerView::displayName)));
		return "review/institutions";
	}

}
