package kr.aifellows.portal.privacy.web;

import java.security.Principal;

import kr.aifellows.portal.privacy.PrivacyRequests;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The privacy officer's list of correction and deletion requests, the most urgent first,
 * with overdue ones marked, and their answers.
 */
@Controller
class PrivacyRequestAdminController {

	private static final int LIMIT = 500;

	private final PrivacyRequests requests;

	PrivacyRequestAdminController(PrivacyRequests requests) {
		this.requests = requests;
	}

	@GetMapping("/admin/privacy-requests")
	String list(Model model) {
		model.addAttribute("requests", requests.all(LIMIT));
		return "privacy/requests";
	}

	@PostMapping("/admin/privacy-requests/{id}/answer")
	String answer(@PathVariable long id, @RequestParam(defaultValue = "") String answer, Principal user) {
		requests.answer(id, user.getName(), answer);
		return "redirect:/admin/privacy-requests";
	}

}
