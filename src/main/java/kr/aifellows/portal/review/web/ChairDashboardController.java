package kr.aifellows.portal.review.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.accounts.PortalUser;
import kr.aifellows.portal.portfolios.ApplicationStatistics;
import kr.aifellows.portal.portfolios.ApplicationStatistics.HourCount;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.progress.ReviewProgress;
import kr.aifellows.portal.review.progress.ReviewProgress.CallReview;
import kr.aifellows.portal.review.progress.ReviewReminders;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chair's home: per call, applications by status, the deadline, the rush of
 * submissions hour by hour, review progress with late reviewers, open conflicts and the
 * GPU-hour envelope. Every figure comes from a few grouped queries over all calls.
 */
@Controller
class ChairDashboardController {

	/**
	 * Hours of the rush curve, ending at the deadline (or now, while the call is open).
	 */
	static final int RUSH_HOURS = 48;

	private final CallCatalog calls;

	private final ApplicationStatistics statistics;

	private final ReviewProgress progress;

	private final ReviewReminders reminders;

	private final Clock clock;

	ChairDashboardController(CallCatalog calls, ApplicationStatistics statistics, ReviewProgress progress,
			ReviewReminders reminders, Clock clock) {
		this.calls = calls;
		this.statistics = statistics;
		this.progress = progress;
		this.reminders = reminders;
		this.clock = clock;
	}

	@GetMapping("/chair")
	String dashboard(Model model) {
		Instant now = clock.instant();
		Map<Long, Map<ApplicationStatus, Long>> counts = statistics.countsByCall();
		Map<Long, List<HourCount>> hours = statistics.submissionsPerHour();
		Map<Long, CallReview> reviews = progress.byCall();
		List<CallCard> cards = new ArrayList<>();
		for (CallSummary call : calls.allCalls()) {
			cards.add(new CallCard(call, statusCounts(counts.getOrDefault(call.id(), Map.of())),
					Countdown.of(now, call.opensAt(), call.closesAt()),
					rush(now, call.closesAt(), hours.getOrDefault(call.id(), List.of())),
					reviews.getOrDefault(call.id(), CallReview.NONE)));
		}
		model.addAttribute("calls", cards);
		model.addAttribute("now", now);
		return "review/chair";
	}

	@PostMapping("/chair/calls/{id}/review/reviewers/{reviewerId}/remind")
	String remind(@PathVariable long id, @PathVariable long reviewerId, @AuthenticationPrincipal PortalUser chair,
			RedirectAttributes redirect) {
		try {
			boolean sent = reminders.remind(id, reviewerId, chair.getUsername());
			redirect.addFlashAttribute("reminded", sent ? "sent" : "already");
		}
		catch (ReviewException ex) {
			if (ReviewException.NOT_FOUND.equals(ex.code())) {
				throw ex;
			}
			redirect.addFlashAttribute("problem", ex.code());
		}
		return "redirect:/chair#call-" + id;
	}

	private static Map<ApplicationStatus, Long> statusCounts(Map<ApplicationStatus, Long> found) {
		Map<ApplicationStatus, Long> counts = new EnumMap<>(ApplicationStatus.class);
		for (ApplicationStatus status : ApplicationStatus.values()) {
			long n = found.getOrDefault(status, 0L);
			// Drafts, submitted and withdrawn always show; the later stages once reached.
			if (n > 0 || status == ApplicationStatus.DRAFT || status == ApplicationStatus.SUBMITTED
					|| status == ApplicationStatus.WITHDRAWN) {
				counts.put(status, n);
			}
		}
		return counts;
	}

	/**
	 * The last {@value #RUSH_HOURS} hours up to the deadline (or up to now while the call
	 * is open, or up to the last submission after an extension), one entry per hour.
	 */
	static List<HourCount> rush(Instant now, Instant closesAt, List<HourCount> submissions) {
		if (submissions.isEmpty()) {
			return List.of();
		}
		Instant end = (now.isBefore(closesAt) ? now : closesAt).truncatedTo(ChronoUnit.HOURS);
		Instant last = submissions.get(submissions.size() - 1).hour();
		if (last.isAfter(end)) {
			end = last;
		}
		Map<Instant, Long> byHour = new HashMap<>();
		submissions.forEach(h -> byHour.put(h.hour(), h.count()));
		List<HourCount> rush = new ArrayList<>();
		for (int i = RUSH_HOURS - 1; i >= 0; i--) {
			Instant hour = end.minus(Duration.ofHours(i));
			rush.add(new HourCount(hour, byHour.getOrDefault(hour, 0L)));
		}
		return rush;
	}

	/** One call on the dashboard. */
	record CallCard(CallSummary call, Map<ApplicationStatus, Long> counts, Countdown countdown, List<HourCount> rush,
			CallReview review) {

		public long rushMax() {
			return rush.stream().mapToLong(HourCount::count).max().orElse(0);
		}

		public long rushTotal() {
			return rush.stream().mapToLong(HourCount::count).sum();
		}

		public long envelopeLeft() {
			return call.gpuHourEnvelope() - review.grantedHours();
		}

	}

	/**
	 * Where the call's deadline stands: {@code key} is the message (opens in, closes in,
	 * closed), with the days, hours and minutes to go.
	 */
	record Countdown(String key, long days, long hours, long minutes) {

		static Countdown of(Instant now, Instant opensAt, Instant closesAt) {
			if (now.isBefore(opensAt)) {
				return between("chair.countdown.opensIn", now, opensAt);
			}
			if (now.isBefore(closesAt)) {
				return between("chair.countdown.closesIn", now, closesAt);
			}
			return between("chair.countdown.closedAgo", closesAt, now);
		}

		private static Countdown between(String key, Instant from, Instant to) {
			Duration left = Duration.between(from, to);
			return new Countdown(key, left.toDays(), left.toHoursPart(), left.toMinutesPart());
		}

	}

}
