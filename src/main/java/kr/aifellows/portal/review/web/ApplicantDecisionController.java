package kr.aifellows.portal.review.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.review.decisions.DecisionView;
import kr.aifellows.portal.review.decisions.Decisions;
import kr.aifellows.portal.review.scoring.Reviewing;

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

	private final Reviewing reviewing;

	ApplicantDecisionController(Decisions decisions, Reviewing reviewing) {
		this.decisions = decisions;
		this.reviewing = reviewing;
	}

	@GetMapping("/applicant/decisions")
	String decisions(@AuthenticationPrincipal PortalUser user, Model model) {
		List<DecisionView> published = decisions.publishedFor(user.accountId());
		Map<Long, List<String>> comments = published.stream()
			.collect(Collectors.toMap(DecisionView::applicationId,
					d -> reviewing.commentsToApplicant(d.applicationId())));
		model.addAttribute("decisions", published);
		model.addAttribute("comments", comments);
		return "review/applicant-decisions";
	}

}
