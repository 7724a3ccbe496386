package kr.aifellows.portal.review.web;

import java.time.Clock;
import java.util.List;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.CallCatalog;
import kr.aifellows.portal.portfolios.CallSummary;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.decisions.Decisions;

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

	private final Assignments assignments;

	private final Decisions decisions;

	private final Clock clock;

	AdminCallsController(CallCatalog calls, ApplicationCatalog applications, Assignments assignments,
			Decisions decisions, Clock clock) {
		this.calls = calls;
		this.applications = applications;
		this.assignments = assignments;
		this.decisions = decisions;
		this.clock = clock;
	}

	@GetMapping("/admin/calls")
	String overview(Model model) {
		List<CallOverview> overview = calls.allCalls().stream().map(this::overview).toList();
		model.addAttribute("overview", overview);
		model.addAttribute("stages", CallStage.values());
		return "review/admin-calls";
	}

	private CallOverview overview(CallSummary call) {
		long pending = decisions.pending(call.id());
		CallStage stage = CallStage.of(clock.instant(), call, assignments.round(call.id()).orElse(null), pending,
				decisions.undecided(call.id()));
		return new CallOverview(call, stage, applications.count(call.id(), ApplicationStatus.DRAFT),
				applications.count(call.id(), ApplicationStatus.SUBMITTED)
						+ applications.count(call.id(), ApplicationStatus.UNDER_REVIEW),
				applications.count(call.id(), ApplicationStatus.WITHDRAWN), pending);
	}

	/**
	 * One call as the administrators' overview shows it.
	 */
	public record CallOverview(CallSummary call, CallStage stage, long drafts, long submitted, long withdrawn,
			long pendingDecisions) {
	}

}
