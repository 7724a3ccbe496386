package kr.aifellows.portal.exports.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.privacy.AccessReasonRequiredException;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.shared.ApiProblems;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The chair's Excel exports in the REST API: the very handlers of the pages' download
 * links (same workbooks, same access records), in the caller's language, with problem
 * details for an unknown call.
 */
@RestController
@Tag(name = "Chair")
@SecurityRequirement(name = "token")
class ExportApiController {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final ApplicationExportController applications;

	private final ScoreSheetController scoreSheets;

	private final ApiProblems problems;

	ExportApiController(ApplicationExportController applications, ScoreSheetController scoreSheets,
			ApiProblems problems) {
		this.applications = applications;
		this.scoreSheets = scoreSheets;
		this.problems = problems;
	}

	@GetMapping(path = "/api/v1/chair/calls/{id}/applications.xlsx", produces = XLSX)
	@Operation(summary = "The call's applications as Excel; blind=true without identities",
			description = "Personal data: the reason is required and kept in the access records.",
			responses = {
					@ApiResponse(responseCode = "200", description = "the workbook",
							content = @Content(mediaType = XLSX)),
					@ApiResponse(responseCode = "422", description = "no reason given",
							content = @Content(mediaType = "application/problem+json",
									schema = @Schema(implementation = ProblemDetail.class))) })
	ResponseEntity<StreamingResponseBody> applications(@PathVariable long id,
			@RequestParam(required = false) ApplicationStatus status, @RequestParam(required = false) ResearchArea area,
			@RequestParam(defaultValue = "false") boolean blind, @RequestParam(required = false) String reason,
			@AuthenticationPrincipal PortalUser chair, HttpServletRequest request) {
		return applications.export(id, status, area, blind, reason, chair, ApiProblems.locale(request));
	}

	@GetMapping(path = "/api/v1/chair/calls/{id}/score-sheet.xlsx", produces = XLSX)
	@Operation(summary = "The call's score sheet as Excel; anonymised=true without reviewer names",
			description = "Personal data: the reason is required and kept in the access records.",
			responses = {
					@ApiResponse(responseCode = "200", description = "the workbook",
							content = @Content(mediaType = XLSX)),
					@ApiResponse(responseCode = "422", description = "no reason given",
							content = @Content(mediaType = "application/problem+json",
									schema = @Schema(implementation = ProblemDetail.class))) })
	ResponseEntity<StreamingResponseBody> scoreSheet(@PathVariable long id,
			@RequestParam(defaultValue = "false") boolean anonymised, @RequestParam(required = false) String reason,
			@AuthenticationPrincipal PortalUser chair, HttpServletRequest request) {
		return scoreSheets.export(id, anonymised, reason, chair, ApiProblems.locale(request));
	}

	@ExceptionHandler(AccessReasonRequiredException.class)
	ResponseEntity<ProblemDetail> reasonRequired(HttpServletRequest request) {
		Map<String, Object> extra = Map.of("field", "reason");
		return ResponseEntity.unprocessableContent()
			.body(problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "access.reason.missing", null, extra, request));
	}

	@ExceptionHandler({ PortfolioException.class, ReviewException.class })
	ResponseEntity<ProblemDetail> notFound(RuntimeException ex, HttpServletRequest request) {
		String code = ex instanceof PortfolioException portfolio ? portfolio.code() : ((ReviewException) ex).code();
		HttpStatus status = code.endsWith("notFound") ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_CONTENT;
		return ResponseEntity.status(status).body(problems.problem(status, code, null, null, request));
	}

}
