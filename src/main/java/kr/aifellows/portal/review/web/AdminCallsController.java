package kr.aifellows.portal.review.web;

import java.util.List;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Administrators who are not chairs still see every call and where its review stands,
 * read only.
 */
@Controller
class AdminCallsController {

	private final CallCatalog calls;

	private final ApplicationCatalog applications;

	private final CallStages stages;

	AdminCallsController(CallCatalog calls, ApplicationCatalog applications, CallStages stages) {
		this.calls = calls;
		this.applications = applications;
		this.stages = stages;
	}

	@GetMapping("/admin/calls")
	String overview(Model model) {
		List<CallOverview> overview = calls.allCalls().stream().map(this::overview).toList();
		model.addAttribute("overview", overview);
		model.addAttribute("stages", CallStage.values());
		return "review/admin-calls";
	}

	private CallOverview overview(CallSummary call) {
		CallStages.Stage stage = stages.of(call);
		return new CallOverview(call, stage.stage(), applications.count(call.id(), ApplicationStatus.DRAFT),
				applications.count(call.id(), ApplicationStatus.SUBMITTED)
						+ applications.count(call.id(), ApplicationStatus.UNDER_REVIEW),
				applications.count(call.id(), ApplicationStatus.WITHDRAWN), stage.pendingDecisions());
	}

	/**
	 * One call as the administrators' overview shows it.
	 */
	public record CallOverview(CallSummary call, CallStage stage, long drafts, long submitted, long withdrawn,
			long pendingDecisions) {
	}

}
