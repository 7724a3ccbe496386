package kr.aifellows.portal.review.decisions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.PortfolioException;
import kr.aifellows.portal.review.calibration.CalibratedScore;
import kr.aifellows.portal.review.calibration.Calibration;
import kr.aifellows.portal.review.calibration.Calibrator;
import kr.aifellows.portal.review.calibration.ReviewScore;
import kr.aifellows.portal.review.pool.ReviewerRepository;
import kr.aifellows.portal.review.scoring.Review;
import kr.aifellows.portal.review.scoring.ReviewRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A call's ranking: raw and calibrated scores side by side, from the submitted reviews.
 */
@Service
public class Ranking {

	private final ReviewRepository reviews;

	private final ReviewerRepository reviewers;

	private final DecisionRepository decisions;

	private final ApplicationCatalog applications;

	private final Calibrator calibrator = new Calibrator();

	Ranking(ReviewRepository reviews, ReviewerRepository reviewers, DecisionRepository decisions,
			ApplicationCatalog applications) {
		this.reviews = reviews;
		this.reviewers = reviewers;
		this.decisions = decisions;
		this.applications = applications;
	}

	@Transactional(readOnly = true)
	public Result rank(long callId) {
		List<ReviewScore> scores = reviews.findByCallIdAndStatus(callId, Review.Status.SUBMITTED)
			.stream()
			.map(Review::toView)
			.filter(r -> r.weightedScore() != null)
			.map(r -> new ReviewScore(r.applicationId(), r.reviewerId(), r.weightedScore(),
					r.confidence() == null ? 3 : r.confidence()))
			.toList();
		if (scores.isEmpty()) {
			return new Result(List.of(), List.of());
		}
		Calibration calibration = calibrator.fit(scores);
		Map<Long, DecisionView> decided = new HashMap<>();
		decisions.findByCallIdOrderByApplicationId(callId).forEach(d -> decided.put(d.applicationId(), d.toView()));
		Map<Long, ApplicationCatalog.Listing> listed = applications.listings(calibration.applications().keySet());
		List<Row> rows = new ArrayList<>();
		for (CalibratedScore score : calibration.applications().values()) {
			ApplicationCatalog.Listing application = listed.get(score.application());
			if (application == null) {
				throw new PortfolioException("application.notFound");
			}
			rows.add(new Row(score, application.receiptNumber(), application.proposalTitle(),
					application.requestedGpuHours(), decided.get(score.application())));
		}
		rows.sort(Comparator.comparingDouble((Row r) -> r.score().calibrated()).reversed());
		Map<Long, long[]> counts = new HashMap<>();
		scores.forEach(s -> counts.computeIfAbsent(s.reviewer(), k -> new long[1])[0]++);
		Map<Long, double[]> sums = new HashMap<>();
		scores.forEach(s -> sums.computeIfAbsent(s.reviewer(), k -> new double[1])[0] += s.score());
		Map<Long, String> names = new HashMap<>();
		reviewers.findByIdIn(calibration.reviewerOffsets().keySet())
			.forEach(r -> names.put(r.id(), r.toView().displayName()));
		List<ReviewerStat> stats = calibration.reviewerOffsets()
			.entrySet()
			.stream()
			.map(e -> new ReviewerStat(e.getKey(), names.getOrDefault(e.getKey(), "#" + e.getKey()),
					(int) counts.getOrDefault(e.getKey(), new long[1])[0],
					sums.getOrDefault(e.getKey(), new double[1])[0]
							/ Math.max(1, counts.getOrDefault(e.getKey(), new long[] { 1 })[0]),
					e.getValue()))
			.sorted(Comparator.comparingLong(ReviewerStat::reviewerId))
			.toList();
		return new Result(rows, stats);
	}

	/**
	 * One application in the ranking.
	 */
	public record Row(CalibratedScore score, String receiptNumber, String proposalTitle, Long requestedGpuHours,
			DecisionView decision) {
	}

	/**
	 * How a reviewer scored: count, mean and fitted leniency (positive: more generous
	 * than the panel).
	 */
	public record ReviewerStat(long reviewerId, String name, int reviews, double meanScore, double leniency) {
	}

	/**
	 * The ranking, best calibrated score first, and the reviewers' statistics.
	 */
	public record Result(List<Row> rows, List<ReviewerStat> reviewers) {
	}

}
