package kr.aifellows.portal.portfolios.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationFileView;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.OpenSourceWork;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.Publication;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.shared.ApiPage;
import kr.aifellows.portal.shared.ApiProblems;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applications in the REST API, read only: the applicant's own (looked up by applicant
 * and id, as the pages do, so another's is not found) and, for chairs, a call's list —
 * with the page's access record, or without identities when {@code blind=true}, as the
 * blind export.
 */
@RestController
@SecurityRequirement(name = "token")
class PortfolioApiController {

	private final Portfolios portfolios;

	private final CallCatalog calls;

	private final ApplicationCatalog applications;

	private final AccessRecords accessRecords;

	private final ApiProblems problems;

	PortfolioApiController(Portfolios portfolios, CallCatalog calls, ApplicationCatalog applications,
			AccessRecords accessRecords, ApiProblems problems) {
		this.portfolios = portfolios;
		this.calls = calls;
		this.applications = applications;
		this.accessRecords = accessRecords;
		this.problems = problems;
	}

	/** An application in a list. */
	record ApplicationSummary(long id, long callId, String callTitle, String status, String receiptNumber,
			String proposalTitle, Instant createdAt, Instant updatedAt, Instant submittedAt, Instant withdrawnAt) {

		static ApplicationSummary of(ApplicationView application, CallSummary call, Locale locale) {
			return new ApplicationSummary(application.id(), application.callId(),
					call == null ? null : call.title(locale), application.status().name(), application.receiptNumber(),
					application.proposal() == null ? null : application.proposal().title(), application.createdAt(),
					application.updatedAt(), application.submittedAt(), application.withdrawnAt());
		}
	}

	/** The applicant's whole application, as the application page shows it. */
	record ApplicationDetail(ApplicationSummary summary, Profile profile, Proposal proposal,
			List<Publication> publications, List<OpenSourceWork> openSource, List<FileSummary> files,
			List<String> missingForSubmission) {
	}

	record FileSummary(long id, String kind, String fileName, String mediaType, long sizeBytes) {

		static FileSummary of(ApplicationFileView file) {
			return new FileSummary(file.id(), file.kind().name(), file.fileName(), file.mediaType(), file.sizeBytes());
		}
	}

	/** One row of a chair's list; identities are null in the blind list. */
	record ChairApplicationRow(long id, String status, String receiptNumber, String proposalTitle, String applicantName,
			String applicantEmail, List<String> affiliations, List<String> areas, Instant submittedAt) {
	}

	@GetMapping("/api/v1/applicant/applications")
	@Tag(name = "Applicant")
	@Operation(summary = "The applicant's applications and their status")
	List<ApplicationSummary> mine(@AuthenticationPrincipal PortalUser applicant, HttpServletRequest request) {
		Map<Long, CallSummary> byId = callsById();
		Locale locale = ApiProblems.locale(request);
		return portfolios.mine(applicant.accountId())
			.stream()
			.map(application -> ApplicationSummary.of(application, byId.get(application.callId()), locale))
			.toList();
	}

	@GetMapping("/api/v1/applicant/applications/{id}")
	@Tag(name = "Applicant")
	@Operation(summary = "One of the applicant's applications")
	ApplicationDetail application(@PathVariable long id, @AuthenticationPrincipal PortalUser applicant,
			HttpServletRequest request) {
		ApplicationView application = portfolios.get(id, applicant.accountId());
		CallSummary call = calls.find(application.callId()).orElse(null);
		return new ApplicationDetail(ApplicationSummary.of(application, call, ApiProblems.locale(request)),
				application.profile(), application.proposal(), application.publications(), application.openSource(),
				application.files().stream().map(FileSummary::of).toList(),
				application.isDraft() ? portfolios.problems(application) : List.of());
	}

	@GetMapping("/api/v1/chair/calls")
	@Tag(name = "Chair")
	@Operation(summary = "Every call")
	List<CallSummary> calls() {
		return calls.allCalls();
	}

	@GetMapping("/api/v1/chair/calls/{id}/applications")
	@Tag(name = "Chair")
	@Operation(summary = "A call's applications; blind=true leaves identities out (as the blind export)")
	ResponseEntity<ApiPage<ChairApplicationRow>> callApplications(@PathVariable long id,
			@RequestParam(required = false) ApplicationStatus status, @RequestParam(required = false) ResearchArea area,
			@RequestParam(defaultValue = "false") boolean blind, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @AuthenticationPrincipal PortalUser chair,
			HttpServletRequest request) {
		calls.find(id).orElseThrow(() -> new PortfolioException("call.notFound"));
		int current = ApiPage.page(page);
		int perPage = ApiPage.size(size);
		if (!blind) {
			accessRecords.record(
					chair.getUsername(), null, AccessAction.VIEW, "call:" + id + " applications api page=" + current
							+ " status=" + (status == null ? "all" : status) + " area=" + (area == null ? "all" : area),
					null);
		}
		Page<ApplicationView> found = applications.page(id, status, area, PageRequest.of(current, perPage));
		List<ChairApplicationRow> rows = found.getContent()
			.stream()
			.map(application -> row(application, blind))
			.toList();
		return ApiPage.of(rows, current, perPage, found.getTotalElements(), request);
	}

	@ExceptionHandler(PortfolioException.class)
	ResponseEntity<ProblemDetail> refused(PortfolioException ex, HttpServletRequest request) {
		HttpStatus status = ex.code().endsWith("notFound") ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_CONTENT;
		return ResponseEntity.status(status).body(problems.problem(status, ex.code(), ex.arguments(), null, request));
	}

	private static ChairApplicationRow row(ApplicationView application, boolean blind) {
		Profile profile = application.profile();
		List<String> areas = profile == null || profile.areas() == null ? List.of()
				: profile.areas().stream().map(Enum::name).sorted().toList();
		String title = application.proposal() == null ? null : application.proposal().title();
		if (blind || profile == null) {
			return new ChairApplicationRow(application.id(), application.status().name(), application.receiptNumber(),
					title, null, null, null, areas, application.submittedAt());
		}
		return new ChairApplicationRow(application.id(), application.status().name(), application.receiptNumber(),
				title, profile.nameKo(), application.applicantEmail(),
				profile.affiliations() == null ? List.of()
						: profile.affiliations().stream().map(affiliation -> affiliation.institution()).toList(),
				areas, application.submittedAt());
	}

	private Map<Long, CallSummary> callsById() {
		Map<Long, CallSummary> byId = new LinkedHashMap<>();
		calls.allCalls().forEach(call -> byId.put(call.id(), call));
		return byId;
	}

}
