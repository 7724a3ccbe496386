package kr.aifellows.portal.portfolios.web;

import java.io.IOException;
import java.time.LocalDateTime;

import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.core.io.InputStreamResource;
import org.springframework.data.domain.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chair's calls and the applications to them.
 */
@Controller
class CallAdminController {

	private static final int PAGE_SIZE = 25;

	private final CallCatalog calls;

	private final ApplicationCatalog applications;

	private final AccessRecords accessRecords;

	CallAdminController(CallCatalog calls, ApplicationCatalog applications, AccessRecords accessRecords) {
		this.calls = calls;
		this.applications = applications;
		this.accessRecords = accessRecords;
	}

	@GetMapping("/chair/calls/new")
	String newCall(Model model) {
		model.addAttribute("callForm", CallForm.empty());
		return "portfolios/call-form";
	}

	@PostMapping("/chair/calls")
	String create(@Valid @ModelAttribute("callForm") CallForm form, BindingResult result,
			@AuthenticationPrincipal PortalUser chair, RedirectAttributes redirect) {
		validate(form, result);
		if (result.hasErrors()) {
			form.padRows();
			return "portfolios/call-form";
		}
		try {
			CallSummary call = calls.create(form.toDefinition(), chair.getUsername());
			calls.setBlindLevel(call.id(), form.getBlindLevel(), chair.getUsername());
			redirect.addFlashAttribute("saved", true);
			return "redirect:/chair/calls/" + call.id() + "/applications";
		}
		catch (PortfolioException ex) {
			result.reject(ex.code());
			form.padRows();
			return "portfolios/call-form";
		}
	}

	@GetMapping("/chair/calls/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		CallSummary call = calls.find(id).orElseThrow(() -> new PortfolioException("call.notFound"));
		model.addAttribute("callForm", CallForm.of(call));
		model.addAttribute("call", call);
		model.addAttribute("frozen", calls.hasSubmissions(id));
		return "portfolios/call-form";
	}

	@PostMapping("/chair/calls/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("callForm") CallForm form, BindingResult result,
			@AuthenticationPrincipal PortalUser chair, Model model, RedirectAttributes redirect) {
		CallSummary call = calls.find(id).orElseThrow(() -> new PortfolioException("call.notFound"));
		model.addAttribute("call", call);
		model.addAttribute("frozen", calls.hasSubmissions(id));
		validate(form, result);
		if (result.hasErrors()) {
			form.padRows();
			return "portfolios/call-form";
		}
		try {
			calls.update(id, form.toDefinition(), chair.getUsername());
			calls.setBlindLevel(id, form.getBlindLevel(), chair.getUsername());
			redirect.addFlashAttribute("saved", true);
			return "redirect:/chair/calls/" + id + "/applications";
		}
		catch (PortfolioException ex) {
			result.reject(ex.code());
			form.padRows();
			return "portfolios/call-form";
		}
	}

	@PostMapping("/chair/calls/{id}/new-version")
	String newVersion(@PathVariable long id, @AuthenticationPrincipal PortalUser chair) {
		CallSummary next = calls.newVersion(id, chair.getUsername());
		return "redirect:/chair/calls/" + next.id() + "/edit";
	}

	@PostMapping("/chair/calls/{id}/deadline")
	String extendDeadline(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime closesAt,
			@RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal PortalUser chair,
			RedirectAttributes redirect) {
		try {
			if (closesAt == null) {
				throw new PortfolioException("call.extensionNotLater");
			}
			calls.extendDeadline(id, closesAt.atZone(CallForm.SEOUL).toInstant(), reason, chair.getUsername());
			redirect.addFlashAttribute("extended", true);
		}
		catch (PortfolioException ex) {
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/chair/calls/" + id + "/applications";
	}

	@PostMapping("/chair/calls/{id}/applications/{applicationId}/extension")
	String grantExtension(@PathVariable long id, @PathVariable long applicationId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime closesAt,
			@RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal PortalUser chair,
			RedirectAttributes redirect) {
		ApplicationView application = applications.forReview(applicationId);
		if (application.callId() != id) {
			throw new PortfolioException("application.notFound");
		}
		try {
			if (closesAt == null) {
				throw new PortfolioException("call.extensionNotLater");
			}
			calls.grantExtension(id, application.applicantAccountId(), closesAt.atZone(CallForm.SEOUL).toInstant(),
					reason, chair.getUsername());
			redirect.addFlashAttribute("extended", true);
		}
		catch (PortfolioException ex) {
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/chair/applications/" + applicationId;
	}

	@GetMapping("/chair/calls/{id}/applications")
	String list(@PathVariable long id, @RequestParam(required = false) ApplicationStatus status,
			@RequestParam(required = false) ResearchArea area, @RequestParam(defaultValue = "0") int page,
			@AuthenticationPrincipal PortalUser chair, Model model) {
		CallSummary call = calls.find(id).orElseThrow(() -> new PortfolioException("call.notFound"));
		// One entry per page of the list: its rows are applicants' names, affiliations
		// and e-mail addresses.
		accessRecords.record(
				chair.getUsername(), null, AccessAction.VIEW, "call:" + id + " applications page=" + Math.max(page, 0)
						+ " status=" + (status == null ? "all" : status) + " area=" + (area == null ? "all" : area),
				null);
		model.addAttribute("call", call);
		model.addAttribute("status", status);
		model.addAttribute("area", area);
		model.addAttribute("statuses", ApplicationStatus.values());
		model.addAttribute("areas", ResearchArea.values());
		model.addAttribute("applications",
				applications.page(id, status, area, PageRequest.of(Math.max(page, 0), PAGE_SIZE)));
		return "portfolios/call-applications";
	}

	@GetMapping("/chair/applications/{applicationId}")
	String detail(@PathVariable long applicationId, @AuthenticationPrincipal PortalUser chair, Model model) {
		ApplicationView application = applications.forReview(applicationId);
		accessRecords.record(chair.getUsername(), application.applicantAccountId(), AccessAction.VIEW,
				"application:" + applicationId, null);
		model.addAttribute("portfolio", application);
		model.addAttribute("call", calls.find(application.callId()).orElseThrow());
		model.addAttribute("deadline", calls.deadlineFor(application.callId(), application.applicantAccountId()));
		return "portfolios/chair-application";
	}

	@GetMapping("/chair/applications/{applicationId}/files/{fileId}")
	ResponseEntity<InputStreamResource> download(@PathVariable long applicationId, @PathVariable long fileId,
			@RequestParam(required = false) String reason, @AuthenticationPrincipal PortalUser chair)
			throws IOException {
		accessRecords.record(chair.getUsername(), applications.forReview(applicationId).applicantAccountId(),
				AccessAction.DOWNLOAD, "application:" + applicationId + " file:" + fileId, reason);
		return ApplicationController.FileDownloads.attachment(applications.openFile(applicationId, fileId));
	}

	private static void validate(CallForm form, BindingResult result) {
		if (form.getOpensAt() != null && form.getClosesAt() != null && !form.getClosesAt().isAfter(form.getOpensAt())) {
			result.rejectValue("closesAt", "call.closesBeforeOpening");
		}
		long complete = 0;
		for (int i = 0; i < form.getCriteria().size(); i++) {
			CallForm.CriterionRow row = form.getCriteria().get(i);
			if (row.isEmpty()) {
				continue;
			}
			if (!row.isComplete()) {
				result.rejectValue("criteria[" + i + "].nameKo", "criterion.incomplete");
			}
			else {
				complete++;
			}
		}
		if (complete == 0 && !result.hasFieldErrors("criteria*")) {
			result.reject("call.noCriteria");
		}
	}

}
