package kr.aifellows.portal.fellows.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.fellows.FellowsException;
import kr.aifellows.portal.fellows.GpuAdministration;
import kr.aifellows.portal.gpu.Balance;
import kr.aifellows.portal.gpu.ClusterUserException;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.JobRefusedException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One fellow's GPU account for the chair (/chair/gpu/fellows/{id}) and administrators
 * (/admin/gpu/fellows/{id}): balance, allocations and ledger, adjustments by hand (both,
 * as both grant by hand) and the cluster user (administrators only). An adjustment is
 * shown with the balance it leaves before it is applied.
 */
@Controller
class GpuFellowAdminController {

	private static final int LEDGER_ROWS = 30;

	private final AccountManagement accounts;

	private final GpuAllocations allocations;

	private final GpuJobs jobs;

	private final GpuAdministration administration;

	private final GpuHours hours;

	GpuFellowAdminController(AccountManagement accounts, GpuAllocations allocations, GpuJobs jobs,
			GpuAdministration administration, GpuHours hours) {
		this.accounts = accounts;
		this.allocations = allocations;
		this.jobs = jobs;
		this.administration = administration;
		this.hours = hours;
	}

	@GetMapping({ "/chair/gpu/fellows/{id}", "/admin/gpu/fellows/{id}" })
	String fellow(@PathVariable long id, HttpServletRequest request, Model model) {
		AccountView fellow = fellow(id);
		AdjustmentForm adjustment = new AdjustmentForm();
		adjustment.setToken(UUID.randomUUID().toString());
		model.addAttribute("adjustmentForm", adjustment);
		model.addAttribute("clusterUserForm", new ClusterUserForm(jobs.clusterUser(id).orElse(null)));
		return page(fellow, request, model);
	}

	@PostMapping("/admin/gpu/fellows/{id}/cluster-user")
	String clusterUser(@PathVariable long id, @ModelAttribute("clusterUserForm") ClusterUserForm form,
			BindingResult result, @AuthenticationPrincipal PortalUser admin, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		AccountView fellow = fellow(id);
		try {
			administration.assignClusterUser(id, fellow.email(), form.getClusterUser(), admin.getUsername());
		}
		catch (ClusterUserException ex) {
			result.rejectValue("clusterUser", "clusterUser.problem." + ex.problem(), new Object[] { ex.name() }, null);
			AdjustmentForm adjustment = new AdjustmentForm();
			adjustment.setToken(UUID.randomUUID().toString());
			model.addAttribute("adjustmentForm", adjustment);
			return page(fellow, request, model);
		}
		redirect.addFlashAttribute("decided", "clusterUser.saved");
		return "redirect:/admin/gpu/fellows/" + id;
	}

	/**
	 * Without {@code confirm}: checks and shows the resulting balance; with it: applies
	 * the adjustment.
	 */
	@PostMapping({ "/chair/gpu/fellows/{id}/adjustments", "/admin/gpu/fellows/{id}/adjustments" })
	String adjust(@PathVariable long id, @ModelAttribute("adjustmentForm") AdjustmentForm form, BindingResult result,
			@RequestParam(defaultValue = "false") boolean confirm, @AuthenticationPrincipal PortalUser actor,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		AccountView fellow = fellow(id);
		model.addAttribute("clusterUserForm", new ClusterUserForm(jobs.clusterUser(id).orElse(null)));
		if (form.getToken() == null || form.getToken().isBlank()) {
			form.setToken(UUID.randomUUID().toString());
		}
		Long delta = form.deltaSeconds(result);
		if (delta == null) {
			return page(fellow, request, model);
		}
		if (!confirm) {
			Balance balance = allocations.balance(id);
			if (balance.available() + delta < 0) {
				wouldGoNegative(result, -delta, balance.available());
			}
			else {
				model.addAttribute("confirmDelta", delta);
				model.addAttribute("confirmAfter", balance.available() + delta);
			}
			return page(fellow, request, model);
		}
		// Checked again under the wallet's lock: a confirmation sent twice counts once,
		// and jobs
		// submitted since the confirmation page may have taken what was to be removed.
		try {
			Balance after = administration.adjust(id, fellow.email(), delta, form.getReason(), actor.getUsername(),
					form.getToken());
			redirect.addFlashAttribute("decided", "adjust.done");
			redirect.addFlashAttribute("adjustedTo", hours.format(after.available()));
		}
		catch (JobRefusedException ex) {
			wouldGoNegative(result, ex.requested(), ex.allowed());
			return page(fellow, request, model);
		}
		return "redirect:" + base(request) + "/fellows/" + id;
	}

	private void wouldGoNegative(BindingResult result, long removal, long available) {
		result.rejectValue("hours", "adjust.wouldGoNegative",
				new Object[] { hours.format(removal), hours.format(available) }, null);
	}

	private String page(AccountView fellow, HttpServletRequest request, Model model) {
		String base = base(request);
		model.addAttribute("base", base);
		model.addAttribute("admin", base.equals("/admin/gpu"));
		model.addAttribute("fellow", fellow);
		model.addAttribute("balance", allocations.balance(fellow.id()));
		model.addAttribute("allocations", allocations.allocations(fellow.id()));
		model.addAttribute("ledger", allocations.ledger(fellow.id()).reversed().stream().limit(LEDGER_ROWS).toList());
		model.addAttribute("clusterUser", jobs.clusterUser(fellow.id()).orElse(null));
		model.addAttribute("clusterUserRequired", jobs.requiresClusterUser());
		model.addAttribute("launcher", jobs.launcherName());
		return "fellows/gpu-fellow";
	}

	/** Only fellows have a GPU account page; any other id is not found. */
	private AccountView fellow(long id) {
		return accounts.findById(id)
			.filter(account -> account.has(Role.FELLOW))
			.orElseThrow(() -> new FellowsException("fellow.notFound"));
	}

	private static String base(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/admin/") ? "/admin/gpu" : "/chair/gpu";
	}

}
