package kr.aifellows.portal.review.web;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.review.Decisions;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The applicant's view of the published decisions on their own applications.
 */
@Controller
class ApplicantDecisionController {

	private final Decisions decisions;

	ApplicantDecisionController(Decisions decisions) {
		this.decisions = decisions;
	}

	@GetMapping("/applicant/decisions")
	String decisions(@AuthenticationPrincipal PortalUser user, Model model) {
		model.addAttribute("decisions", decisions.publishedFor(user.accountId()));
		return "review/applicant-decisions";
	}
}
