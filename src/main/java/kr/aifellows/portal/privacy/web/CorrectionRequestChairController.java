package kr.aifellows.portal.privacy.web;

import java.security.Principal;

import kr.aifellows.portal.privacy.PrivacyRequests;
import kr.aifellows.portal.privacy.PrivacyRequests.Kind;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Corrections of submitted applications are the committee's to make: the chair sees the
 * applicants' correction requests, with their deadlines, and answers them. Deletion
 * requests stay with the privacy officer.
 */
@Controller
class CorrectionRequestChairController {

	private static final int LIMIT = 500;

	private final PrivacyRequests requests;

	CorrectionRequestChairController(PrivacyRequests requests) {
		this.requests = requests;
	}

	@GetMapping("/chair/corrections")
	String list(Model model) {
		model.addAttribute("requests", requests.all(Kind.CORRECTION, LIMIT));
		return "privacy/corrections";
	}

	@PostMapping("/chair/corrections/{id}/answer")
	String answer(@PathVariable long id, @RequestParam(defaultValue = "") String answer, Principal chair,
			RedirectAttributes redirect) {
		if (answer.isBlank()) {
			redirect.addFlashAttribute("answerMissing", id);
			return "redirect:/chair/corrections#request-" + id;
		}
		redirect.addFlashAttribute("answered", requests.answer(id, Kind.CORRECTION, chair.getName(), answer));
		return "redirect:/chair/corrections";
	}

}
