package kr.aifellows.portal.accounts.web;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.AccountException;
import kr.aifellows.portal.accounts.AccountSecurity;
import kr.aifellows.portal.accounts.PortalUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class PasswordChangeController {

	private final AccountSecurity security;

	PasswordChangeController(AccountSecurity security) {
		this.security = security;
	}

	@GetMapping("/account/password")
	String form(@ModelAttribute("form") PasswordChangeForm form) {
		return "accounts/password-change";
	}

	@PostMapping("/account/password")
	String change(@Valid @ModelAttribute("form") PasswordChangeForm form, BindingResult result,
			@AuthenticationPrincipal PortalUser user, HttpSession session, RedirectAttributes redirect) {
		FormErrors.checkConfirmation(form.getPassword(), form.getPasswordConfirmation(), result);
		if (result.hasErrors()) {
			return "accounts/password-change";
		}
		try {
			security.changePassword(user.getUsername(), form.getCurrentPassword(), form.getPassword(), session.getId());
		}
		catch (AccountException ex) {
			FormErrors.reject(ex, result);
			return "accounts/password-change";
		}
		redirect.addFlashAttribute("changed", true);
		return "redirect:/account/password";
	}

}
