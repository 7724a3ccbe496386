package kr.aifellows.portal.accounts.web;

import java.util.Locale;

import kr.aifellows.portal.accounts.AccountException;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountSecurity;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.accounts.Role;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
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
		Page<AccountView> found = accounts.search(q, PageRequest.of(Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("q", q);
		model.addAttribute("accounts", found);
		model.addAttribute("locked", security.lockedAmong(found.map(AccountView::email).toList()));
		model.addAttribute("roles", Role.values());
		return "accounts/admin-accounts";
	}

	/**
	 * A role chip leads to a page that says what the change means and asks for a reason;
	 * only its confirmed form changes the role, and the reason goes into the audit log.
	 */
	@PostMapping("/admin/accounts/{id}/roles")
	String changeRole(@PathVariable long id, @RequestParam Role role, @RequestParam boolean grant,
			@RequestParam(defaultValue = "false") boolean confirmed, @RequestParam(defaultValue = "") String reason,
			@AuthenticationPrincipal PortalUser admin, Model model, RedirectAttributes redirect) {
		AccountView account = accounts.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!confirmed || reason.isBlank()) {
			model.addAttribute("account", account);
			model.addAttribute("role", role);
			model.addAttribute("grant", grant);
			model.addAttribute("reason", reason);
			model.addAttribute("reasonMissing", confirmed);
			return "accounts/role-confirm";
		}
		return act(() -> {
			if (grant) {
				accounts.grantRole(id, role, admin.getUsername(), reason);
			}
			else {
				accounts.revokeRole(id, role, admin.getUsername(), reason);
			}
		}, "changed", redirect);
	}

	@PostMapping("/admin/accounts/{id}/unlock")
	String unlock(@PathVariable long id, @AuthenticationPrincipal PortalUser admin, RedirectAttributes redirect) {
		return act(() -> security.unlock(id, admin.getUsername()), "unlocked", redirect);
	}

	@PostMapping("/admin/accounts/{id}/verification")
	String resendVerification(@PathVariable long id, @AuthenticationPrincipal PortalUser admin, Locale locale,
			RedirectAttributes redirect) {
		return act(() -> accounts.resendVerification(id, admin.getUsername(), locale), "verificationSent", redirect);
	}

	@PostMapping("/admin/accounts/{id}/active")
	String changeActive(@PathVariable long id, @RequestParam boolean active, @AuthenticationPrincipal PortalUser admin,
			RedirectAttributes redirect) {
		return act(() -> {
			if (active) {
				security.reactivate(id, admin.getUsername());
			}
			else {
				security.deactivate(id, admin.getUsername());
			}
		}, "changed", redirect);
	}

	@PostMapping("/admin/accounts/{id}/sessions/end")
	String endSessions(@PathVariable long id, @AuthenticationPrincipal PortalUser admin, RedirectAttributes redirect) {
		return act(() -> security.endSessions(id, admin.getUsername()), "sessionsEnded", redirect);
	}

	/**
	 * Runs an administrator's action and says on the accounts page that it was done, or
	 * why not.
	 */
	private static String act(Runnable action, String notice, RedirectAttributes redirect) {
		try {
			action.run();
			redirect.addFlashAttribute(notice, true);
		}
		catch (AccountException ex) {
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/admin/accounts";
	}

}
