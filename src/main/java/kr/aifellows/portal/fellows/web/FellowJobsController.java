package kr.aifellows.portal.fellows.web;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.fellows.FellowsException;
import kr.aifellows.portal.fellows.FellowsProperties;
import kr.aifellows.portal.fellows.JobTemplates;
import kr.aifellows.portal.fellows.JobTemplates.JobTemplate;
import kr.aifellows.portal.fellows.TopUps;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJob;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.JobNotFoundException;
import kr.aifellows.portal.gpu.JobRefusedException;
import kr.aifellows.portal.gpu.JobState;
import kr.aifellows.portal.gpu.LedgerEntry;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A fellow's GPU hours and jobs: submit, follow, cancel, usage and top-up requests. Every
 * job lookup is by (fellow, id), so another fellow's job is not found.
 */
@Controller
class FellowJobsController {

	private static final int PAGE_SIZE = 20;

	private static final int LOG_TAIL_BYTES = 16 * 1024;

	private static final int LIVE_JOBS_SCANNED = 100;

	private static final DateTimeFormatter SEOUL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Seoul"));

	private final GpuJobs jobs;

	private final GpuAllocations allocations;

	private final TopUps topUps;

	private final GpuHours hours;

	private final FellowsProperties properties;

	private final JobTemplates templates;

	private final Clock clock;

	FellowJobsController(GpuJobs jobs, GpuAllocations allocations, TopUps topUps, GpuHours hours,
			FellowsProperties properties, JobTemplates templates, Clock clock) {
		this.properties = properties;
		this.templates = templates;
		this.clock = clock;
		this.jobs = jobs;
		this.allocations = allocations;
		this.topUps = topUps;
		this.hours = hours;
	}

	@GetMapping("/fellow")
	String dashboard(@AuthenticationPrincipal PortalUser fellow, @RequestParam(defaultValue = "0") int page,
			Model model) {
		int current = Math.max(0, page);
		long total = jobs.countJobs(fellow.accountId());
		model.addAttribute("balance", allocations.balance(fellow.accountId()));
		model.addAttribute("allocations", allocations.allocations(fellow.accountId()));
		model.addAttribute("jobs", jobs.jobs(fellow.accountId(), current * PAGE_SIZE, PAGE_SIZE));
		model.addAttribute("page", current);
		model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < total);
		model.addAttribute("topUps", topUps.ofFellow(fellow.accountId()));
		// Live jobs are few (the concurrent-GPU limit bounds them) and the newest.
		model.addAttribute("liveJobs",
				jobs.jobs(fellow.accountId(), 0, LIVE_JOBS_SCANNED).stream().filter(GpuJob::isLive).toList());
		model.addAttribute("jobStates", JobState.values());
		model.addAttribute("week", WeekUsage.of(allocations.ledger(fellow.accountId()), clock.instant()));
		addLauncherHealth(model);
		return "fellows/dashboard";
	}

	@GetMapping("/fellow/jobs/new")
	String newJob(@RequestParam(required = false) String template, @AuthenticationPrincipal PortalUser fellow,
			Model model) {
		JobForm form = new JobForm();
		if (template != null) {
			form.fill(templates.find(fellow.accountId(), template)
				.orElseThrow(() -> new FellowsException("template.notFound")));
			model.addAttribute("selectedTemplate", template);
		}
		form.setPartition(
				jobs.capacity().partitions().isEmpty() ? null : jobs.capacity().partitions().getFirst().name());
		model.addAttribute("jobForm", form);
		return formPage(fellow, form, model);
	}

	/**
	 * The job form as it stands, kept as the fellow's template (input files are not
	 * kept).
	 */
	@PostMapping("/fellow/job-templates")
	String saveTemplate(@Valid @ModelAttribute("jobForm") JobForm form, BindingResult result,
			@RequestParam(defaultValue = "") String templateName, @AuthenticationPrincipal PortalUser fellow,
			Model model, RedirectAttributes redirect) {
		String name = templateName.strip();
		if (name.isEmpty() || name.length() > 80) {
			result.reject(name.isEmpty() ? "template.nameMissing" : "template.nameTooLong");
		}
		if (result.hasErrors()) {
			model.addAttribute("templateName", templateName);
			return formPage(fellow, form, model);
		}
		try {
			JobTemplate saved = templates.save(fellow.accountId(), fellow.getUsername(), form.toTemplate(name));
			redirect.addFlashAttribute("templateSaved", saved.label());
			return "redirect:/fellow/jobs/new?template=" + saved.key();
		}
		catch (FellowsException ex) {
			result.reject(ex.code(), new Object[] { JobTemplates.MAX_PER_FELLOW }, null);
			model.addAttribute("templateName", templateName);
			return formPage(fellow, form, model);
		}
	}

	/** Deleting a template cannot be undone: without {@code confirmed} it asks first. */
	@PostMapping("/fellow/job-templates/{id}/delete")
	String deleteTemplate(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
			@AuthenticationPrincipal PortalUser fellow, Model model, RedirectAttributes redirect) {
		JobTemplate template = templates.find(fellow.accountId(), Long.toString(id))
			.orElseThrow(() -> new FellowsException("template.notFound"));
		if (!confirmed) {
			model.addAttribute("template", template);
			return "fellows/template-delete-confirm";
		}
		templates.delete(fellow.accountId(), fellow.getUsername(), id);
		redirect.addFlashAttribute("templateDeleted", template.label());
		return "redirect:/fellow/jobs/new";
	}

	@PostMapping("/fellow/jobs")
	String submit(@Valid @ModelAttribute("jobForm") JobForm form, BindingResult result,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@AuthenticationPrincipal PortalUser fellow, Model model, RedirectAttributes redirect) {
		Map<String, byte[]> inputs = new LinkedHashMap<>();
		if (files != null) {
			for (MultipartFile file : files) {
				if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
					continue;
				}
				try {
					inputs.put(file.getOriginalFilename() == null ? "" : file.getOriginalFilename(), file.getBytes());
				}
				catch (IOException ex) {
					result.reject("job.upload.failed");
				}
			}
		}
		if (result.hasErrors()) {
			return formPage(fellow, form, model);
		}
		try {
			GpuJob job = jobs
				.submit(form.toRequest(fellow.accountId(), jobs.clusterUser(fellow.accountId()).orElse(null), inputs));
			// A launch failure is settled at once and must not read as a success.
			redirect.addFlashAttribute(job.state() == JobState.LAUNCH_FAILED ? "launchFailed" : "submitted", true);
			return "redirect:/fellow/jobs/" + job.id();
		}
		catch (JobRefusedException ex) {
			refused(ex, result);
			return formPage(fellow, form, model);
		}
	}

	@GetMapping("/fellow/jobs/{id}")
	String detail(@PathVariable long id, @AuthenticationPrincipal PortalUser fellow, Model model) {
		GpuJob job = jobs.find(fellow.accountId(), id).orElseThrow(() -> new JobNotFoundException(id));
		model.addAttribute("job", job);
		model.addAttribute("reason", fellowsReason(job));
		model.addAttribute("supportAddress", properties.supportAddress());
		model.addAttribute("log", jobs.logTail(fellow.accountId(), id, LOG_TAIL_BYTES));
		return "fellows/job";
	}

	@GetMapping(path = "/fellow/jobs/{id}/live", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> live(@PathVariable long id, @AuthenticationPrincipal PortalUser fellow) {
		GpuJob job = jobs.find(fellow.accountId(), id).orElseThrow(() -> new JobNotFoundException(id));
		Map<String, Object> live = new LinkedHashMap<>();
		live.put("state", job.state().name());
		live.put("settled", job.settled());
		live.put("placement", job.placement() == null ? "" : job.placement());
		live.put("startedAt", job.startedAt() == null ? null : SEOUL_TIME.format(job.startedAt()));
		live.put("endedAt", job.endedAt() == null ? null : SEOUL_TIME.format(job.endedAt()));
		live.put("cpuTime", hours.duration(job.cpuSeconds()));
		live.put("peakMemory", job.peakMemoryBytes() == null ? "—" : job.peakMemoryBytes() / 1_048_576 + " MiB");
		live.put("exitCode", job.exitCode());
		live.put("elapsed", hours.duration(job.elapsedSeconds()));
		live.put("charged", hours.format(job.chargedSeconds()));
		live.put("overrun", hours.format(job.overrunSeconds()));
		live.put("reason", fellowsReason(job));
		live.put("log", jobs.logTail(fellow.accountId(), id, LOG_TAIL_BYTES));
		return live;
	}

	@PostMapping("/fellow/jobs/{id}/cancel")
	String cancel(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
			@AuthenticationPrincipal PortalUser fellow, Model model, RedirectAttributes redirect) {
		GpuJob job = jobs.find(fellow.accountId(), id).orElseThrow(() -> new JobNotFoundException(id));
		if (job.settled()) {
			return "redirect:/fellow/jobs/" + id;
		}
		if (!confirmed) {
			// Without JavaScript the dialog is this page: a cancelled job cannot be
			// resumed.
			model.addAttribute("job", job);
			return "fellows/cancel-confirm";
		}
		jobs.cancel(fellow.accountId(), id);
		redirect.addFlashAttribute("cancelRequested", true);
		return "redirect:/fellow/jobs/" + id;
	}

	@GetMapping("/fellow/usage")
	String usage(@AuthenticationPrincipal PortalUser fellow, Model model) {
		model.addAttribute("balance", allocations.balance(fellow.accountId()));
		model.addAttribute("ledger", allocations.ledger(fellow.accountId()).reversed());
		model.addAttribute("jobs", jobs.jobs(fellow.accountId(), 0, 100));
		return "fellows/usage";
	}

	@GetMapping(path = "/fellow/usage/data", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> usageData(@AuthenticationPrincipal PortalUser fellow) {
		List<Map<String, Object>> balance = new ArrayList<>();
		long held = 0;
		for (LedgerEntry entry : allocations.ledger(fellow.accountId())) {
			held += entry.heldDelta();
			balance.add(Map.of("t", entry.recordedAt().toString(), "available", entry.availableAfter() / 3600.0, "held",
					held / 3600.0));
		}
		List<Map<String, Object>> perJob = new ArrayList<>();
		for (GpuJob job : jobs.jobs(fellow.accountId(), 0, 50).reversed()) {
			if (job.chargedSeconds() != null) {
				perJob.add(Map.of("id", job.id(), "name", job.name(), "charged", job.chargedSeconds() / 3600.0));
			}
		}
		return Map.of("balance", balance, "jobs", perJob);
	}

	@PostMapping("/fellow/top-ups")
	String requestTopUp(@RequestParam(required = false) Integer gpuHours,
			@RequestParam(defaultValue = "") String justification, @AuthenticationPrincipal PortalUser fellow,
			RedirectAttributes redirect) {
		try {
			topUps.request(fellow.accountId(), fellow.getUsername(), gpuHours == null ? 0 : gpuHours, justification);
			redirect.addFlashAttribute("topUpRequested", true);
		}
		catch (FellowsException ex) {
			redirect.addFlashAttribute("topUpProblem", ex.code());
			redirect.addFlashAttribute("topUpHours", gpuHours);
			redirect.addFlashAttribute("topUpJustification", justification);
		}
		return "redirect:/fellow#top-up";
	}

	private String formPage(PortalUser fellow, JobForm form, Model model) {
		model.addAttribute("balance", allocations.balance(fellow.accountId()));
		model.addAttribute("partitions", jobs.capacity().partitions());
		model.addAttribute("limits", jobs.limits());
		model.addAttribute("templates", templates.available(fellow.accountId()));
		model.addAttribute("liveGpus", jobs.liveGpus(fellow.accountId()));
		model.addAttribute("hold", form.holdSeconds());
		model.addAttribute("launcher", jobs.launcherName());
		model.addAttribute("clusterUser", jobs.clusterUser(fellow.accountId()).orElse(null));
		model.addAttribute("clusterUserRequired", jobs.requiresClusterUser());
		addLauncherHealth(model);
		return "fellows/job-form";
	}

	private void addLauncherHealth(Model model) {
		model.addAttribute("launcherReady", jobs.launcherHealth().ready());
		model.addAttribute("supportAddress", properties.supportAddress());
	}

	/**
	 * A launch failure's reason is for operators (English, host details); the fellow's
	 * page explains it.
	 */
	static String fellowsReason(GpuJob job) {
		return job.reason() == null || job.state() == JobState.LAUNCH_FAILED ? "" : job.reason();
	}

	private void refused(JobRefusedException ex, BindingResult result) {
		String field = JobRefusals.field(ex.limit());
		Object[] arguments = JobRefusals.arguments(ex, hours);
		if (field == null || ex.limit() == JobRefusedException.Limit.INPUT_FILES) {
			result.reject(JobRefusals.code(ex), arguments, null);
		}
		else {
			result.rejectValue(field, JobRefusals.code(ex), arguments, null);
		}
	}

}
