package kr.aifellows.portal.accounts.web;

import kr.aifellows.portal.accounts.AccountException;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountSecurity;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.accounts.Role;

import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class AccountAdminController {

	private static final int PAGE_SIZE = 25;

	private final AccountManagement accounts;

	private final AccountSecurity security;

	AccountAdminController(AccountManagement accounts, AccountSecurity security) {
		this.accounts = accounts;
		this.security = security;
	}

	@GetMapping("/admin/accounts")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("accounts", accounts.search(q, PageRequest.of(Math.max(page, 0), PAGE_SIZE)));
		model.addAttribute("roles", Role.values());
		return "accounts/admin-accounts";
	}

	@PostMapping("/admin/accounts/{id}/roles")
	String changeRole(@PathVariable long id, @RequestParam Role role, @RequestParam boolean grant,
			@AuthenticationPrincipal PortalUser admin, RedirectAttributes redirect) {
		try {
			if (grant) {
				accounts.grantRole(id, role, admin.getUsername());
			}
			else {
				accounts.revokeRole(id, role, admin.getUsername());
			}
			redirect.addFlashAttribute("changed", true);
		}
		catch (AccountException ex) {
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/admin/accounts";
	}

	@PostMapping("/admin/accounts/{id}/active")
	String changeActive(@PathVariable long id, @RequestParam boolean active, @AuthenticationPrincipal PortalUser admin,
			RedirectAttributes redirect) {
		try {
			if (active) {
				security.reactivate(id, admin.getUsername());
			}
			else {
				security.deactivate(id, admin.getUsername());
			}
			redirect.addFlashAttribute("changed", true);
		}
		catch (AccountException ex) {
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/admin/accounts";
	}

	@PostMapping("/admin/accounts/{id}/sessions/end")
	String endSessions(@PathVariable long id, @AuthenticationPrincipal PortalUser admin, RedirectAttributes redirect) {
		try {
			security.endSessions(id, admin.getUsername());
			redirect.addFlashAttribute("sessionsEnded", true);
		}
		catch (AccountException ex) {
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/admin/accounts";
	}
}
