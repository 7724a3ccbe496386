package kr.aifellows.portal.accounts.web;

import java.util.Locale;

import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.AccountException;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.privacy.ConsentItem;
import kr.aifellows.portal.privacy.Consents;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class RegistrationController {

	private final AccountManagement accounts;

	private final Consents consents;

	RegistrationController(AccountManagement accounts, Consents consents) {
		this.accounts = accounts;
		this.consents = consents;
	}

	@ModelAttribute("consentItems")
	ConsentItem[] consentItems() {
		return ConsentItem.values();
	}

	@GetMapping("/register")
	String form(@ModelAttribute("form") RegistrationForm form) {
		return "accounts/register";
	}

	@PostMapping("/register")
	String register(@Valid @ModelAttribute("form") RegistrationForm form, BindingResult result, Locale locale,
			RedirectAttributes redirect) {
		FormErrors.checkConfirmation(form.getPassword(), form.getPasswordConfirmation(), result);
		if (!Consents.coversRequired(form.getConsents())) {
			result.rejectValue("consents", "consent.missingRequired");
		}
		if (result.hasErrors()) {
			return "accounts/register";
		}
		try {
			accounts.register(form.getEmail(), form.getDisplayName(), form.getPassword(), locale)
				.ifPresent(account -> consents.give(account.id(), account.email(), form.getConsents()));
		}
		catch (AccountException ex) {
			FormErrors.reject(ex, result);
			return "accounts/register";
		}
		redirect.addFlashAttribute("email", form.getEmail().strip());
		return "redirect:/register/sent";
	}

	@GetMapping("/register/sent")
	String sent() {
		return "accounts/registration-sent";
	}

	@GetMapping("/register/verify")
	String verify(@RequestParam(required = false) String token, Model model) {
		try {
			accounts.confirmEmail(token);
			return "redirect:/login?verified";
		}
		catch (AccountException ex) {
			model.addAttribute("problem", ex.code());
			return "accounts/link-problem";
		}
	}

	@GetMapping("/register/resend")
	String resendForm(@ModelAttribute("form") EmailForm form) {
		return "accounts/resend";
	}

	@PostMapping("/register/resend")
	String resend(@Valid @ModelAttribute("form") EmailForm form, BindingResult result, Locale locale,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "accounts/resend";
		}
		accounts.resendVerification(form.getEmail(), locale);
		redirect.addFlashAttribute("email", form.getEmail().strip());
		return "redirect:/register/sent";
	}

}
