package kr.aifellows.portal.accounts.web;

import java.util.Locale;

import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.AccountException;
import kr.aifellows.portal.accounts.AccountManagement;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class PasswordResetController {

	private final AccountManagement accounts;

	PasswordResetController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/password/forgot")
	String requestForm(@ModelAttribute("form") EmailForm form) {
		return "accounts/password-forgot";
	}

	@PostMapping("/password/forgot")
	String request(@Valid @ModelAttribute("form") EmailForm form, BindingResult result, Locale locale, Model model) {
		if (result.hasErrors()) {
			return "accounts/password-forgot";
		}
		accounts.requestPasswordReset(form.getEmail(), locale);
		model.addAttribute("sent", true);
		return "accounts/password-forgot";
	}

	@GetMapping("/password/reset")
	String resetForm(@RequestParam(required = false) String token, Model model) {
		if (!accounts.isPasswordResetTokenUsable(token)) {
			model.addAttribute("problem", "token.invalid");
			return "accounts/link-problem";
		}
		NewPasswordForm form = new NewPasswordForm();
		form.setToken(token);
		model.addAttribute("form", form);
		return "accounts/password-reset";
	}

	@PostMapping("/password/reset")
	String reset(@Valid @ModelAttribute("form") NewPasswordForm form, BindingResult result, Model model) {
		FormErrors.checkConfirmation(form.getPassword(), form.getPasswordConfirmation(), result);
		if (result.hasErrors()) {
			return "accounts/password-reset";
		}
		try {
			accounts.resetPassword(form.getToken(), form.getPassword());
		}
		catch (AccountException ex) {
			if ("token.invalid".equals(ex.code())) {
				model.addAttribute("problem", ex.code());
				return "accounts/link-problem";
			}
			FormErrors.reject(ex, result);
			return "accounts/password-reset";
		}
		return "redirect:/login?passwordChanged";
	}

}
