package kr.aifellows.portal.portfolios.web;

import java.time.Clock;
import java.time.Instant;

import kr.aifellows.portal.portfolios.ApplicationCorrections;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

/**
 * The application page's model; forms already in the model (what the user typed) are
 * kept.
 */
@Component
class ApplicationPage {

	private final CallCatalog calls;

	private final ApplicationCorrections corrections;

	private final Portfolios portfolios;

	private final Clock clock;

	ApplicationPage(CallCatalog calls, ApplicationCorrections corrections, Portfolios portfolios, Clock clock) {
		this.calls = calls;
		this.corrections = corrections;
		this.portfolios = portfolios;
		this.clock = clock;
	}

	String render(ApplicationView application, Model model) {
		model.addAttribute("portfolio", application);
		model.addAttribute("call", calls.find(application.callId()).orElseThrow());
		Instant deadline = calls.deadlineFor(application.callId(), application.applicantAccountId());
		model.addAttribute("deadline", deadline);
		model.addAttribute("areas", ResearchArea.values());
		model.addAttribute("fileKinds", FileKind.values());
		model.addAttribute("limits", new Limits());
		if (application.status() == ApplicationStatus.DRAFT) {
			model.addAttribute("checklist",
					ApplicationChecklist.of(application, portfolios.problems(application), deadline, clock.instant()));
		}
		else {
			model.addAttribute("corrections", corrections.ofApplication(application.id()));
		}
		if (model.asMap().values().stream().anyMatch(v -> v instanceof BindingResult result && result.hasErrors())) {
			model.addAttribute("unsaved", true);
		}
		if (!model.containsAttribute("profileForm")) {
			model.addAttribute("profileForm", ProfileForm.of(application.profile()));
		}
		if (!model.containsAttribute("proposalForm")) {
			model.addAttribute("proposalForm", ProposalForm.of(application.proposal()));
		}
		if (!model.containsAttribute("publicationForm")) {
			model.addAttribute("publicationForm", new PublicationForm());
		}
		if (!model.containsAttribute("exclusionsForm")) {
			model.addAttribute("exclusionsForm", ExclusionsForm.of(application.exclusions()));
		}
		if (!model.containsAttribute("openSourceForm")) {
			model.addAttribute("openSourceForm", new OpenSourceForm());
		}
		return "portfolios/application";
	}

	/** The proposal's length limits, shown beside the fields. */
	record Limits(int title, int abstractText, int body, int justification) {
		Limits() {
			this(Proposal.TITLE_MAX, Proposal.ABSTRACT_MAX, Proposal.BODY_MAX, Proposal.JUSTIFICATION_MAX);
		}
	}

}
