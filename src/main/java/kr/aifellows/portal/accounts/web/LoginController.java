package kr.aifellows.portal.accounts.web;

import java.util.Locale;

import jakarta.servlet.http.HttpSession;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.accounts.Role;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	private static final String LOGIN_EMAIL_ATTRIBUTE = "portal.login.email";

	/** Where each role lands after login, most powerful first. */
	private static final Role[] DASHBOARD_ORDER = { Role.ADMIN, Role.CHAIR, Role.REVIEWER, Role.FELLOW,
			Role.APPLICANT };

	private final AccountManagement accounts;

	LoginController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
		model.addAttribute("error", error);
		model.addAttribute("email", error == null ? null : session.getAttribute(LOGIN_EMAIL_ATTRIBUTE));
		model.addAttribute("lockMinutes", accounts.loginLockMinutes());
		return "accounts/login";
	}

	@GetMapping("/dashboard")
	String dashboard(@AuthenticationPrincipal PortalUser user) {
		for (Role role : DASHBOARD_ORDER) {
			if (user.getAuthorities().contains(new SimpleGrantedAuthority(role.authority()))) {
				return "redirect:/" + role.name().toLowerCase(Locale.ROOT);
			}
		}
		return "redirect:/";
	}

}
