package kr.aifellows.portal.review.decisions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.pool.ReviewerRepository;
import kr.aifellows.portal.review.scoring.Review;
import kr.aifellows.portal.review.scoring.ReviewRepository;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers a call's score sheet for the chair's export.
 */
@Service
public class ScoreSheets {

	private final Ranking ranking;

	private final Assignments assignments;

	private final ReviewRepository reviews;

	private final ReviewerRepository reviewers;

	private final DecisionRepository decisions;

	private final CallCatalog calls;

	private final AuditLog auditLog;

	ScoreSheets(Ranking ranking, Assignments assignments, ReviewRepository reviews, ReviewerRepository reviewers,
			DecisionRepository decisions, CallCatalog calls, AuditLog auditLog) {
		this.ranking = ranking;
		this.assignments = assignments;
		this.reviews = reviews;
		this.reviewers = reviewers;
		this.decisions = decisions;
		this.calls = calls;
		this.auditLog = auditLog;
	}

	/**
	 * @throws ReviewException {@code review.notFound} for an unknown call
	 */
	@Transactional(readOnly = true)
	public ScoreSheet forCall(long callId, boolean anonymised, Locale locale, String chairEmail) {
		CallSummary call = calls.find(callId).orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		Ranking.Result result = ranking.rank(callId);
		Map<Long, Ranking.Row> ranked = new HashMap<>();
		result.rows().forEach(row -> ranked.put(row.score().application(), row));
		Map<Long, DecisionView> decided = new HashMap<>();
		decisions.findByCallIdOrderByApplicationId(callId).forEach(d -> decided.put(d.applicationId(), d.toView()));
		List<Review> all = reviews.findByCallIdOrderByApplicationIdAscIdAsc(callId);
		Map<Long, String> reviewerLabels = new HashMap<>();
		all.forEach(review -> reviewerLabels.computeIfAbsent(review.reviewerId(),
				id -> anonymised ? "R" + (reviewerLabels.size() + 1)
						: reviewers.findById(id).map(r -> r.toView().displayName()).orElse("#" + id)));
		List<ScoreSheet.ApplicationLine> applicationLines = new ArrayList<>();
		for (ApplicationView application : assignments.applicationsWithDecisions(callId)) {
			Ranking.Row row = ranked.get(application.id());
			DecisionView decision = decided.get(application.id());
			applicationLines.add(new ScoreSheet.ApplicationLine(application.id(), application.receiptNumber(),
					anonymised ? null : application.profile().nameKo(),
					anonymised ? null : application.applicantEmail(), application.proposal().title(),
					row == null ? 0 : row.score().reviews(), row == null ? null : row.score().raw(),
					row == null ? null : row.score().calibrated(), row == null ? null : row.score().lower(),
					row == null ? null : row.score().upper(), row == null ? null : row.score().percentile(),
					row == null ? null : row.score().disagreement(),
					decision == null ? null : decision.outcome().name(),
					decision == null || decision.gpuHours() == 0 ? null : decision.gpuHours()));
		}
		List<ScoreSheet.ReviewLine> reviewLines = all.stream()
			.map(Review::toView)
			.map(review -> new ScoreSheet.ReviewLine(review.applicationId(), reviewerLabels.get(review.reviewerId()),
					review.submitted(), review.scores(), review.weightedScore(), review.confidence(),
					review.commentsToApplicant(), anonymised ? null : review.confidentialComments()))
			.toList();
		List<ScoreSheet.ReviewerLine> reviewerLines = result.reviewers()
			.stream()
			.map(stat -> new ScoreSheet.ReviewerLine(
					reviewerLabels.getOrDefault(stat.reviewerId(), "#" + stat.reviewerId()), stat.reviews(),
					stat.meanScore(), stat.leniency()))
			.toList();
		auditLog.record(chairEmail, "SCORE_SHEET_EXPORTED", "call:" + callId, anonymised ? "anonymised" : "full");
		return new ScoreSheet(callId, anonymised, call.criteria().stream().map(c -> c.name(locale)).toList(),
				applicationLines, reviewLines, reviewerLines);
	}

}
