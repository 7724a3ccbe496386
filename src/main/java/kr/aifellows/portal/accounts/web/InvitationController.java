package kr.aifellows.portal.accounts.web;

import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.AccountException;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.InvitationView;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.accounts.Role;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class InvitationController {

	private final AccountManagement accounts;

	InvitationController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@ModelAttribute("invitableRoles")
	List<Role> invitableRoles() {
		return List.of(Role.REVIEWER, Role.CHAIR);
	}

	@GetMapping("/invitations")
	String list(@ModelAttribute("form") InvitationForm form, Model model) {
		model.addAttribute("invitations", accounts.recentInvitations(50));
		return "accounts/invitations";
	}

	@PostMapping("/invitations")
	String invite(@Valid @ModelAttribute("form") InvitationForm form, BindingResult result,
			@AuthenticationPrincipal PortalUser user, Locale locale, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				InvitationView invitation = accounts.invite(form.getEmail(), form.getRole(), user.getUsername(),
						locale);
				redirect.addFlashAttribute("invited", invitation.email());
				return "redirect:/invitations";
			}
			catch (AccountException ex) {
				FormErrors.reject(ex, result);
			}
		}
		model.addAttribute("invitations", accounts.recentInvitations(50));
		return "accounts/invitations";
	}

	@GetMapping("/invitations/accept")
	String acceptForm(@RequestParam(required = false) String token, @AuthenticationPrincipal PortalUser user,
			Model model) {
		InvitationView invitation = accounts.openInvitation(token).orElse(null);
		if (invitation == null) {
			model.addAttribute("problem", "invitation.invalid");
			return "accounts/link-problem";
		}
		NewPasswordForm form = new NewPasswordForm();
		form.setToken(token);
		model.addAttribute("form", form);
		return acceptPage(invitation, user, model);
	}

	@PostMapping("/invitations/accept")
	String accept(@ModelAttribute("form") NewPasswordForm form, BindingResult result,
			@AuthenticationPrincipal PortalUser user, Locale locale, Model model) {
		InvitationView invitation = accounts.openInvitation(form.getToken()).orElse(null);
		if (invitation == null) {
			model.addAttribute("problem", "invitation.invalid");
			return "accounts/link-problem";
		}
		try {
			if (accounts.exists(invitation.email())) {
				if (user == null) {
					return acceptPage(invitation, null, model);
				}
				accounts.acceptInvitationAsExisting(form.getToken(), user.getUsername());
				return "redirect:/login?roleAdded";
			}
			if (form.getDisplayName() == null || form.getDisplayName().isBlank()) {
				result.rejectValue("displayName", "NotBlank");
			}
			if (form.getPassword() == null || form.getPassword().isBlank()) {
				result.rejectValue("password", "NotBlank");
			}
			FormErrors.checkConfirmation(form.getPassword(), form.getPasswordConfirmation(), result);
			if (result.hasErrors()) {
				return acceptPage(invitation, user, model);
			}
			accounts.acceptInvitationWithNewAccount(form.getToken(), form.getDisplayName(), form.getPassword(), locale);
			return "redirect:/login?invitationAccepted";
		}
		catch (AccountException ex) {
			FormErrors.reject(ex, result);
			return acceptPage(invitation, user, model);
		}
	}

	private String acceptPage(InvitationView invitation, PortalUser user, Model model) {
		model.addAttribute("invitation", invitation);
		model.addAttribute("hasAccount", accounts.exists(invitation.email()));
		model.addAttribute("signedInAs", user == null ? null : user.getUsername());
		return "accounts/invitation-accept";
	}

}
