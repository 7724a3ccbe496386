package kr.aifellows.portal.fellows.web;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.fellows.FellowsException;
import kr.aifellows.portal.fellows.TopUpRequest;
import kr.aifellows.portal.fellows.TopUps;
import kr.aifellows.portal.gpu.Allocation;
import kr.aifellows.portal.gpu.Balance;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJob;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.JobNotFoundException;
import kr.aifellows.portal.gpu.JobRefusedException;
import kr.aifellows.portal.gpu.LedgerEntry;
import kr.aifellows.portal.shared.ApiPage;
import kr.aifellows.portal.shared.ApiProblems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindException;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fellow's part of the REST API: balance, allocations, ledger, jobs and top-up
 * requests. It goes through the same services as the pages ({@link GpuJobs}' admission,
 * {@link TopUps}), with the same form checks ({@link JobForm}) and the same refusals; a
 * job is looked up by (fellow, id), so another fellow's job is not found.
 */
@RestController
@Tag(name = "Fellow", description = "GPU hours and jobs (role FELLOW; scope READ to read, JOBS to submit)")
@SecurityRequirement(name = "token")
class FellowApiController {

	private static final int MAX_LOG_BYTES = 64 * 1024;

	private final GpuJobs jobs;

	private final GpuAllocations allocations;

	private final TopUps topUps;

	private final GpuHours hours;

	private final SmartValidator validator;

	private final ApiProblems problems;

	FellowApiController(GpuJobs jobs, GpuAllocations allocations, TopUps topUps, GpuHours hours,
			SmartValidator validator, ApiProblems problems) {
		this.jobs = jobs;
		this.allocations = allocations;
		this.topUps = topUps;
		this.hours = hours;
		this.validator = validator;
		this.problems = problems;
	}

	/** A job as the API shows it; amounts in GPU-seconds. */
	record JobView(long id, String name, String state, boolean settled, int nodes, int gpusPerNode, int gpus,
			String partition, long timeLimitSeconds, long holdSeconds, String placement, Instant submittedAt,
			Instant startedAt, Instant endedAt, Integer exitCode, Long elapsedSeconds, Long chargedSeconds,
			Long overrunSeconds, Long cpuSeconds, Long peakMemoryBytes, String reason, Map<String, String> links) {

		static JobView of(GpuJob job) {
			String self = "/api/v1/fellow/jobs/" + job.id();
			Map<String, String> links = new LinkedHashMap<>();
			links.put("self", self);
			links.put("log", self + "/log");
			if (!job.settled()) {
				links.put("cancel", self + "/cancel");
			}
			return new JobView(job.id(), job.name(), job.state().name(), job.settled(), job.nodes(), job.gpusPerNode(),
					job.gpus(), job.partition(), job.timeLimitSeconds(), job.holdSeconds(), job.placement(),
					job.submittedAt(), job.startedAt(), job.endedAt(), job.exitCode(), job.elapsedSeconds(),
					job.chargedSeconds(), job.overrunSeconds(), job.cpuSeconds(), job.peakMemoryBytes(),
					FellowJobsController.fellowsReason(job), links);
		}
	}

	/**
	 * The last bytes of a job's output (stdout and stderr as the job page shows them).
	 */
	record JobLog(long jobId, String state, boolean settled, String log) {
	}

	/** What a job submission carries: the job form's fields, with its defaults. */
	record JobSubmission(@Schema(example = "train-1", requiredMode = Schema.RequiredMode.REQUIRED) String name,
			@Schema(example = "nvidia-smi -L", requiredMode = Schema.RequiredMode.REQUIRED) String script,
			@Schema(example = "1", defaultValue = "1") Integer gpusPerNode,
			@Schema(example = "1", defaultValue = "1") Integer nodes,
			@Schema(example = "local", description = "the first partition when left out") String partition,
			@Schema(example = "10", defaultValue = "10") Integer timeLimitMinutes) {

		JobForm toForm(String defaultPartition) {
			JobForm form = new JobForm();
			form.setName(name);
			form.setScript(script);
			if (gpusPerNode != null) {
				form.setGpusPerNode(gpusPerNode);
			}
			if (nodes != null) {
				form.setNodes(nodes);
			}
			form.setPartition(partition == null ? defaultPartition : partition);
			if (timeLimitMinutes != null) {
				form.setTimeLimitMinutes(timeLimitMinutes);
			}
			return form;
		}
	}

	record TopUpSubmission(Integer gpuHours, String justification) {
	}

	@GetMapping("/api/v1/fellow/balance")
	@Operation(summary = "The fellow's GPU-seconds: available, held, granted, charged, expired, adjusted")
	Balance balance(@AuthenticationPrincipal PortalUser fellow) {
		return allocations.balance(fellow.accountId());
	}

	@GetMapping("/api/v1/fellow/allocations")
	@Operation(summary = "The fellow's GPU-hour grants")
	List<Allocation> allocations(@AuthenticationPrincipal PortalUser fellow) {
		return allocations.allocations(fellow.accountId());
	}

	@GetMapping("/api/v1/fellow/ledger")
	@Operation(summary = "The fellow's ledger, newest first")
	ResponseEntity<ApiPage<LedgerEntry>> ledger(@AuthenticationPrincipal PortalUser fellow,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			HttpServletRequest request) {
		int current = ApiPage.page(page);
		int perPage = ApiPage.size(size);
		List<LedgerEntry> all = allocations.ledger(fellow.accountId()).reversed();
		int from = (int) Math.min(all.size(), (long) current * perPage);
		return ApiPage.of(all.subList(from, Math.min(all.size(), from + perPage)), current, perPage, all.size(),
				request);
	}

	@GetMapping("/api/v1/fellow/jobs")
	@Operation(summary = "The fellow's jobs, newest first")
	ResponseEntity<ApiPage<JobView>> jobs(@AuthenticationPrincipal PortalUser fellow,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			HttpServletRequest request) {
		int current = ApiPage.page(page);
		int perPage = ApiPage.size(size);
		List<JobView> list = jobs.jobs(fellow.accountId(), current * perPage, perPage)
			.stream()
			.map(JobView::of)
			.toList();
		return ApiPage.of(list, current, perPage, jobs.countJobs(fellow.accountId()), request);
	}

	@PostMapping("/api/v1/fellow/jobs")
	@Operation(summary = "Submit a job: the job form's checks, then the same admission (limits, balance, hold)",
			responses = { @ApiResponse(responseCode = "201", description = "admitted (or launch failed: see state)"),
					@ApiResponse(responseCode = "400", description = "a field is invalid",
							content = @Content(mediaType = "application/problem+json",
									schema = @Schema(implementation = ProblemDetail.class))),
					@ApiResponse(responseCode = "422", description = "refused by a limit; nothing was held",
							content = @Content(mediaType = "application/problem+json",
									schema = @Schema(implementation = ProblemDetail.class))) })
	ResponseEntity<JobView> submit(@RequestBody JobSubmission submission, @AuthenticationPrincipal PortalUser fellow)
			throws BindException {
		String defaultPartition = jobs.capacity().partitions().isEmpty() ? null
				: jobs.capacity().partitions().getFirst().name();
		JobForm form = submission.toForm(defaultPartition);
		BeanPropertyBindingResult result = new BeanPropertyBindingResult(form, "jobForm");
		validator.validate(form, result);
		if (result.hasErrors()) {
			throw new BindException(result);
		}
		GpuJob job = jobs
			.submit(form.toRequest(fellow.accountId(), jobs.clusterUser(fellow.accountId()).orElse(null), Map.of()));
		return ResponseEntity.created(URI.create("/api/v1/fellow/jobs/" + job.id())).body(JobView.of(job));
	}

	@GetMapping("/api/v1/fellow/jobs/{id}")
	@Operation(summary = "One of the fellow's jobs")
	JobView job(@PathVariable long id, @AuthenticationPrincipal PortalUser fellow) {
		return JobView.of(find(fellow, id));
	}

	@GetMapping("/api/v1/fellow/jobs/{id}/log")
	@Operation(summary = "The tail of a job's log (at most 64 KiB; default 16 KiB)")
	JobLog log(@PathVariable long id, @RequestParam(required = false) Integer bytes,
			@AuthenticationPrincipal PortalUser fellow) {
		GpuJob job = find(fellow, id);
		int tail = bytes == null ? 16 * 1024 : Math.min(MAX_LOG_BYTES, Math.max(1, bytes));
		return new JobLog(id, job.state().name(), job.settled(), jobs.logTail(fellow.accountId(), id, tail));
	}

	@PostMapping("/api/v1/fellow/jobs/{id}/cancel")
	@Operation(summary = "Cancel a job that has not ended (it can not be resumed)",
			responses = { @ApiResponse(responseCode = "202", description = "cancel requested"),
					@ApiResponse(responseCode = "409", description = "the job has already ended",
							content = @Content(mediaType = "application/problem+json",
									schema = @Schema(implementation = ProblemDetail.class))) })
	ResponseEntity<JobView> cancel(@PathVariable long id, @AuthenticationPrincipal PortalUser fellow) {
		GpuJob job = find(fellow, id);
		if (job.settled()) {
			throw new JobEnded(id);
		}
		jobs.cancel(fellow.accountId(), id);
		return ResponseEntity.accepted().body(JobView.of(find(fellow, id)));
	}

	@GetMapping("/api/v1/fellow/top-ups")
	@Operation(summary = "The fellow's top-up requests")
	List<TopUpRequest> topUps(@AuthenticationPrincipal PortalUser fellow) {
		return topUps.ofFellow(fellow.accountId());
	}

	@PostMapping("/api/v1/fellow/top-ups")
	@Operation(summary = "Request more GPU hours (the chair decides)",
			responses = { @ApiResponse(responseCode = "201", description = "requested"),
					@ApiResponse(responseCode = "422", description = "hours out of range or justification too short",
							content = @Content(mediaType = "application/problem+json",
									schema = @Schema(implementation = ProblemDetail.class))) })
	ResponseEntity<TopUpRequest> requestTopUp(@RequestBody TopUpSubmission submission,
			@AuthenticationPrincipal PortalUser fellow) {
		TopUpRequest created = topUps.request(fellow.accountId(), fellow.getUsername(),
				submission.gpuHours() == null ? 0 : submission.gpuHours(), submission.justification());
		return ResponseEntity.created(URI.create("/api/v1/fellow/top-ups")).body(created);
	}

	@ExceptionHandler(JobRefusedException.class)
	ResponseEntity<ProblemDetail> refused(JobRefusedException ex, HttpServletRequest request) {
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("field", JobRefusals.field(ex.limit()));
		extra.put("limit", ex.limit().name());
		extra.put("requested", ex.requested());
		extra.put("allowed", ex.allowed());
		return ResponseEntity.unprocessableContent()
			.body(problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, JobRefusals.code(ex),
					JobRefusals.arguments(ex, hours), extra, request));
	}

	@ExceptionHandler(JobEnded.class)
	ResponseEntity<ProblemDetail> ended(JobEnded ex, HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(problems.problem(HttpStatus.CONFLICT, "api.job.ended", new Object[] { ex.id }, null, request));
	}

	@ExceptionHandler(JobNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(problems.problem(HttpStatus.NOT_FOUND, "api.job.notFound", null, null, request));
	}

	@ExceptionHandler(FellowsException.class)
	ResponseEntity<ProblemDetail> fellowsProblem(FellowsException ex, HttpServletRequest request) {
		String field = ex.code().startsWith("topUp.hours") ? "gpuHours"
				: ex.code().startsWith("topUp.justification") ? "justification" : null;
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("field", field);
		return ResponseEntity.unprocessableContent()
			.body(problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.code(), null, extra, request));
	}

	/** A cancel for a job that has already ended. */
	private static final class JobEnded extends RuntimeException {

		private final long id;

		JobEnded(long id) {
			super("job " + id + " has ended");
			this.id = id;
		}

	}

	private GpuJob find(PortalUser fellow, long id) {
		return jobs.find(fellow.accountId(), id).orElseThrow(() -> new JobNotFoundException(id));
	}

}
