package kr.aifellows.portal.review.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.assignment.AssignmentView;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.decisions.DecisionView;
import kr.aifellows.portal.review.decisions.Decisions;
import kr.aifellows.portal.review.decisions.Ranking;
import kr.aifellows.portal.review.scoring.ReviewRound;
import kr.aifellows.portal.shared.ApiPage;
import kr.aifellows.portal.shared.ApiProblems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A chair's view of a call's review in the REST API, read only: progress, the calibrated
 * ranking (as the ranking page: receipt numbers and titles, no identities) and the
 * decisions, from the services the chair's pages use.
 */
@RestController
@Tag(name = "Chair")
@SecurityRequirement(name = "token")
class ChairReviewApiController {

	private final CallCatalog calls;

	private final Assignments assignments;

	private final Ranking ranking;

	private final Decisions decisions;

	private final ApiProblems problems;

	ChairReviewApiController(CallCatalog calls, Assignments assignments, Ranking ranking, Decisions decisions,
			ApiProblems problems) {
		this.calls = calls;
		this.assignments = assignments;
		this.ranking = ranking;
		this.decisions = decisions;
		this.problems = problems;
	}

	/**
	 * @param assignments assignments by state
	 * @param submittedReviews reviews submitted over all applications
	 */
	record Progress(long callId, ReviewRound.RoundView round, int applications, Map<String, Long> assignments,
			long submittedReviews, int decided) {
	}

	record RankedApplication(long applicationId, String receiptNumber, String proposalTitle, int reviews, double raw,
			double calibrated, double lower, double upper, double percentile, double disagreement,
			Long requestedGpuHours, String decision) {

		static RankedApplication of(Ranking.Row row) {
			return new RankedApplication(row.score().application(), row.receiptNumber(), row.proposalTitle(),
					row.score().reviews(), row.score().raw(), row.score().calibrated(), row.score().lower(),
					row.score().upper(), row.score().percentile(), row.score().disagreement(), row.requestedGpuHours(),
					row.decision() == null ? null : row.decision().outcome().name());
		}
	}

	@GetMapping("/api/v1/chair/calls/{id}/review")
	@Operation(summary = "Where a call's review stands")
	Progress progress(@PathVariable long id) {
		requireCall(id);
		Map<String, Long> byState = new TreeMap<>();
		for (AssignmentView assignment : assignments.forCall(id)) {
			byState.merge(assignment.state().name(), 1L, Long::sum);
		}
		long submitted = ranking.rank(id).rows().stream().mapToLong(row -> row.score().reviews()).sum();
		return new Progress(id, assignments.round(id).orElse(null), assignments.inReviewApplications(id).size(),
				byState, submitted, decisions.forCall(id).size());
	}

	@GetMapping("/api/v1/chair/calls/{id}/ranking")
	@Operation(summary = "The calibrated ranking, best first")
	ResponseEntity<ApiPage<RankedApplication>> ranking(@PathVariable long id,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			HttpServletRequest request) {
		requireCall(id);
		int current = ApiPage.page(page);
		int perPage = ApiPage.size(size);
		List<Ranking.Row> rows = ranking.rank(id)
			.rows()
			.stream()
			.sorted(Comparator.comparingDouble((Ranking.Row row) -> row.score().calibrated()).reversed())
			.toList();
		int from = (int) Math.min(rows.size(), (long) current * perPage);
		return ApiPage.of(
				rows.subList(from, Math.min(rows.size(), from + perPage)).stream().map(RankedApplication::of).toList(),
				current, perPage, rows.size(), request);
	}

	@GetMapping("/api/v1/chair/calls/{id}/decisions")
	@Operation(summary = "The call's decisions (published or not)")
	List<DecisionView> decisions(@PathVariable long id) {
		requireCall(id);
		return decisions.forCall(id);
	}

	@ExceptionHandler(ReviewException.class)
	ResponseEntity<ProblemDetail> refused(ReviewException ex, HttpServletRequest request) {
		HttpStatus status = ReviewException.NOT_FOUND.equals(ex.code()) ? HttpStatus.NOT_FOUND
				: HttpStatus.UNPROCESSABLE_CONTENT;
		return ResponseEntity.status(status).body(problems.problem(status, ex.code(), null, null, request));
	}

	private void requireCall(long id) {
		calls.find(id).orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
	}

}
