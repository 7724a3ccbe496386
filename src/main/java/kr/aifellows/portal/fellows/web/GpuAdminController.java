package kr.aifellows.portal.fellows.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.fellows.FellowsException;
import kr.aifellows.portal.fellows.FellowsProperties;
import kr.aifellows.portal.fellows.TopUps;
import kr.aifellows.portal.fellows.UsageWorkbook;
import kr.aifellows.portal.gpu.ClusterCapacity;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJobs;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chair's and administrators' side of GPU hours: top-up decisions, grants by hand,
 * the monthly usage report and the cluster page. Every page exists under /chair/gpu
 * (CHAIR) and /admin/gpu (ADMIN); top-up decisions are the chair's only.
 */
@Controller
class GpuAdminController {

	private static final int NODES_PER_PAGE = 100;

	private static final int JOBS_PER_PAGE = 50;

	private static final int LAUNCH_FAILURES_SHOWN = 10;

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private final TopUps topUps;

	private final GpuAllocations allocations;

	private final GpuJobs jobs;

	private final AccountManagement accounts;

	private final UsageWorkbook workbook;

	private final FellowsProperties properties;

	private final Clock clock;

	GpuAdminController(TopUps topUps, GpuAllocations allocations, GpuJobs jobs, AccountManagement accounts,
			UsageWorkbook workbook, FellowsProperties properties, Clock clock) {
		this.topUps = topUps;
		this.allocations = allocations;
		this.jobs = jobs;
		this.accounts = accounts;
		this.workbook = workbook;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping({ "/chair/gpu", "/admin/gpu" })
	String overview(@RequestParam(required = false) String email, Model model, HttpServletRequest request) {
		String base = base(request.getRequestURI());
		model.addAttribute("base", base);
		model.addAttribute("chair", base.equals("/chair/gpu"));
		model.addAttribute("topUps", base.equals("/chair/gpu") ? topUps.pending() : List.of());
		model.addAttribute("grantToken", UUID.randomUUID().toString());
		model.addAttribute("month", YearMonth.now(clock.withZone(SEOUL)));
		if (email != null && !email.isBlank()) {
			model.addAttribute("email", email);
			accounts.findByEmail(email).ifPresentOrElse(fellow -> {
				model.addAttribute("fellow", fellow);
				model.addAttribute("fellowBalance", allocations.balance(fellow.id()));
				model.addAttribute("fellowAllocations", allocations.allocations(fellow.id()));
			}, () -> model.addAttribute("problem", "grant.noSuchFellow"));
		}
		return "fellows/gpu-admin";
	}

	@PostMapping("/chair/gpu/top-ups/{id}/approve")
	String approve(@PathVariable long id, @AuthenticationPrincipal PortalUser chair, RedirectAttributes redirect) {
		try {
			topUps.approve(id, chair.getUsername());
			redirect.addFlashAttribute("decided", "topUp.approved");
		}
		catch (FellowsException ex) {
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/chair/gpu";
	}

	@PostMapping("/chair/gpu/top-ups/{id}/reject")
	String reject(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
			@AuthenticationPrincipal PortalUser chair, RedirectAttributes redirect) {
		try {
			topUps.reject(id, reason, chair.getUsername());
			redirect.addFlashAttribute("decided", "topUp.rejected");
		}
		catch (FellowsException ex) {
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/chair/gpu";
	}

	/** A grant by hand; the form's token makes a resubmitted form grant once. */
	@PostMapping({ "/chair/gpu/grants", "/admin/gpu/grants" })
	String grant(@RequestParam(defaultValue = "") String email, @RequestParam(required = false) Integer hours,
			@RequestParam(defaultValue = "") String reason, @RequestParam String token,
			@AuthenticationPrincipal PortalUser actor, HttpServletRequest request, RedirectAttributes redirect) {
		String base = base(request.getRequestURI());
		AccountView fellow = accounts.findByEmail(email.strip()).orElse(null);
		String problem = null;
		if (fellow == null || !fellow.has(Role.FELLOW)) {
			problem = "grant.noSuchFellow";
		}
		else if (hours == null || hours < 1 || hours > 1_000_000) {
			problem = "grant.hoursOutOfRange";
		}
		else if (reason.isBlank()) {
			problem = "grant.reasonRequired";
		}
		if (problem != null) {
			redirect.addFlashAttribute("problem", problem);
			redirect.addFlashAttribute("grantEmail", email);
			redirect.addFlashAttribute("grantHours", hours);
			redirect.addFlashAttribute("grantReason", reason);
			return "redirect:" + base;
		}
		Instant now = clock.instant();
		allocations.grant(fellow.id(), hours * 3600L, now, now.plus(properties.manualGrantValidity()), "MANUAL", token,
				actor.getUsername() + ": " + reason.strip());
		redirect.addFlashAttribute("decided", "grant.done");
		return "redirect:" + base + "?email=" + URLEncoder.encode(fellow.email(), StandardCharsets.UTF_8);
	}

	@GetMapping("/chair/gpu/usage.xlsx")
	void report(@RequestParam(required = false) YearMonth month, Locale locale, HttpServletResponse response)
			throws IOException {
		YearMonth reported = month == null ? YearMonth.now(clock.withZone(SEOUL)) : month;
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", "attachment; filename=\"gpu-usage-" + reported + ".xlsx\"");
		workbook.write(reported, locale, response.getOutputStream());
	}

	@GetMapping({ "/chair/gpu/cluster", "/admin/gpu/cluster" })
	String cluster(@RequestParam(required = false) String partition, @RequestParam(required = false) String state,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int jobsPage, Model model,
			HttpServletRequest request) {
		ClusterCapacity capacity = jobs.capacity();
		List<ClusterCapacity.Node> nodes = capacity.nodes()
			.stream()
			.filter(node -> partition == null || partition.isBlank() || node.partition().equals(partition))
			.filter(node -> state == null || state.isBlank() || node.state().equals(state))
			.toList();
		int nodePage = Math.max(0, Math.min(page, Math.max(0, (nodes.size() - 1) / NODES_PER_PAGE)));
		long live = jobs.countLiveJobs();
		int livePage = Math.max(0, jobsPage);
		model.addAttribute("base", base(request.getRequestURI()));
		model.addAttribute("launcher", jobs.launcherName());
		model.addAttribute("partitions", capacity.partitions());
		model.addAttribute("totalGpus",
				capacity.partitions().stream().mapToLong(ClusterCapacity.Partition::gpusTotal).sum());
		model.addAttribute("usedGpus",
				capacity.partitions().stream().mapToLong(ClusterCapacity.Partition::gpusAllocated).sum());
		model.addAttribute("totalNodes", capacity.nodes().size());
		model.addAttribute("states",
				capacity.nodes()
					.stream()
					.map(ClusterCapacity.Node::state)
					.distinct()
					.sorted(Comparator.naturalOrder())
					.toList());
		model.addAttribute("partition", partition);
		model.addAttribute("state", state);
		model.addAttribute("nodes", nodes.subList(Math.min(nodes.size(), nodePage * NODES_PER_PAGE),
				Math.min(nodes.size(), (nodePage + 1) * NODES_PER_PAGE)));
		model.addAttribute("matchingNodes", nodes.size());
		model.addAttribute("page", nodePage);
		model.addAttribute("hasNext", (long) (nodePage + 1) * NODES_PER_PAGE < nodes.size());
		model.addAttribute("liveJobs", jobs.liveJobs(livePage * JOBS_PER_PAGE, JOBS_PER_PAGE));
		model.addAttribute("liveCount", live);
		model.addAttribute("jobsPage", livePage);
		model.addAttribute("jobsHasNext", (long) (livePage + 1) * JOBS_PER_PAGE < live);
		if (base(request.getRequestURI()).equals("/admin/gpu")) {
			// The operator's view: why the launcher refuses jobs, and the jobs it
			// refused, in its own words.
			model.addAttribute("launcherHealth", jobs.launcherHealth());
			model.addAttribute("launchFailures", jobs.recentLaunchFailures(LAUNCH_FAILURES_SHOWN));
		}
		return "fellows/cluster";
	}

	private static String base(String uri) {
		return uri.startsWith("/admin/") ? "/admin/gpu" : "/chair/gpu";
	}

}
