package kr.aifellows.portal.portfolios.web;

import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.ApplicationCorrections;
import kr.aifellows.portal.portfolios.ApplicationCorrections.Correction;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.privacy.PrivacyRequests.RequestView;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chair corrects a submitted application where its applicant asked for it: from the
 * correction request, one of the requester's applications, its profile in the form the
 * applicant filled in. What was changed is recorded under the request.
 */
@Controller
class ApplicationCorrectionController {

	private final ApplicationCorrections corrections;

	private final AccessRecords accessRecords;

	ApplicationCorrectionController(ApplicationCorrections corrections, AccessRecords accessRecords) {
		this.corrections = corrections;
		this.accessRecords = accessRecords;
	}

	@GetMapping("/chair/corrections/{id}")
	String request(@PathVariable long id, @AuthenticationPrincipal PortalUser chair, Model model) {
		RequestView request = corrections.request(id);
		accessRecords.record(chair.getUsername(), request.accountId(), AccessAction.VIEW, "privacy_request:" + id,
				null);
		model.addAttribute("request", request);
		model.addAttribute("applications", corrections.correctable(request));
		model.addAttribute("corrections", corrections.ofRequest(id));
		return "portfolios/correction";
	}

	@GetMapping("/chair/corrections/{id}/applications/{applicationId}")
	String form(@PathVariable long id, @PathVariable long applicationId, @AuthenticationPrincipal PortalUser chair,
			Model model) {
		RequestView request = corrections.request(id);
		ApplicationView application = corrections.correctable(request, applicationId);
		accessRecords.record(chair.getUsername(), request.accountId(), AccessAction.VIEW,
				"application:" + applicationId, null);
		return show(request, application, ProfileForm.of(application.profile()), model);
	}

	@PostMapping("/chair/corrections/{id}/applications/{applicationId}")
	String correct(@PathVariable long id, @PathVariable long applicationId,
			@Valid @ModelAttribute("profileForm") ProfileForm form, BindingResult errors,
			@AuthenticationPrincipal PortalUser chair, Model model, RedirectAttributes redirect) {
		RequestView request = corrections.request(id);
		ApplicationView application = corrections.correctable(request, applicationId);
		form.check(errors);
		if (!errors.hasErrors()) {
			try {
				Correction correction = corrections.correctProfile(id, applicationId, form.toProfile(),
						chair.getUsername());
				redirect.addFlashAttribute("corrected", correction);
				return "redirect:/chair/corrections/" + id;
			}
			catch (PortfolioException refused) {
				errors.reject(refused.code());
			}
		}
		form.padRows();
		return show(request, application, form, model);
	}

	private static String show(RequestView request, ApplicationView application, ProfileForm form, Model model) {
		model.addAttribute("request", request);
		model.addAttribute("portfolio", application);
		model.addAttribute("profileForm", form);
		model.addAttribute("areas", ResearchArea.values());
		return "portfolios/correction-profile";
	}

}
