package kr.aifellows.portal.mydata.web;

import java.security.Principal;

import kr.aifellows.portal.mydata.AccountDeletion;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The privacy officer's page for a deletion request: what deleting the account would
 * destroy and what it would keep until when, then, once confirmed, the deletion.
 */
@Controller
class AccountDeletionController {

	private final AccountDeletion deletion;

	AccountDeletionController(AccountDeletion deletion) {
		this.deletion = deletion;
	}

	@GetMapping("/admin/privacy-requests/{id}/erasure")
	String plan(@PathVariable long id, Model model) {
		model.addAttribute("requestId", id);
		deletion.plan(id).ifPresent(plan -> model.addAttribute("plan", plan));
		return "mydata/erasure";
	}

	@PostMapping("/admin/privacy-requests/{id}/erasure")
	String carryOut(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
			@RequestParam(defaultValue = "") String note, Principal officer, Model model, RedirectAttributes redirect) {
		if (!confirmed) {
			model.addAttribute("requestId", id);
			model.addAttribute("note", note);
			model.addAttribute("notConfirmed", true);
			deletion.plan(id).ifPresent(plan -> model.addAttribute("plan", plan));
			return "mydata/erasure";
		}
		boolean done = deletion.carryOut(id, officer.getName(), note).isPresent();
		redirect.addFlashAttribute("erasureMessage", done ? "erasure.done" : "erasure.nothingToDo");
		return "redirect:/admin/privacy-requests";
	}

}
