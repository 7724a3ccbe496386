package kr.aifellows.portal.accounts.web;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.privacy.ConsentItem;
import kr.aifellows.portal.privacy.Consents;
import kr.aifellows.portal.privacy.PrivacyRequests;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's consents: what they agreed to, to which policy version and when;
 * optional ones can be withdrawn.
 */
@Controller
class AccountPrivacyController {

	private final Consents consents;

	private final PrivacyRequests requests;

	AccountPrivacyController(Consents consents, PrivacyRequests requests) {
		this.consents = consents;
		this.requests = requests;
	}

	@GetMapping("/account/privacy")
	String page(@AuthenticationPrincipal PortalUser user, Model model) {
		model.addAttribute("consents", consents.of(user.accountId()));
		model.addAttribute("requests", requests.mine(user.accountId()));
		model.addAttribute("kinds", PrivacyRequests.Kind.values());
		model.addAttribute("deadlineDays", requests.deadlineDays());
		return "accounts/privacy";
	}

	@PostMapping("/account/privacy/requests")
	String request(@RequestParam(defaultValue = "CORRECTION") PrivacyRequests.Kind kind,
			@RequestParam(defaultValue = "") String details, @AuthenticationPrincipal PortalUser user, Model model,
			RedirectAttributes redirect) {
		if (details.isBlank()) {
			model.addAttribute("requestKind", kind);
			model.addAttribute("requestMissing", true);
			return page(user, model);
		}
		requests.file(user.accountId(), user.getUsername(), kind, details);
		redirect.addFlashAttribute("requested", true);
		return "redirect:/account/privacy#requests";
	}

	@PostMapping("/account/privacy/consents/{item}/withdraw")
	String withdraw(@PathVariable String item, @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
		ConsentItem consent;
		try {
			consent = ConsentItem.valueOf(item);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (consent.required()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		consents.withdraw(user.accountId(), user.getUsername(), consent);
		redirect.addFlashAttribute("withdrawn", true);
		return "redirect:/account/privacy";
	}

}
