package kr.aifellows.portal.review.decisions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.ApplicationCatalog;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.review.ReviewProperties;
import kr.aifellows.portal.review.scoring.ReviewRound;
import kr.aifellows.portal.review.scoring.ReviewRoundRepository;
import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.MailOutbox;
import kr.aifellows.portal.system.OutgoingMail;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The committee's decisions: selected (with a GPU-hour grant), waitlisted or rejected,
 * each with a rationale. Grants never exceed the call's envelope: every decision takes
 * the call's round row lock first, so two chairs deciding at once cannot both spend the
 * last hours. Publishing mails every applicant, makes the selected ones fellows and
 * announces {@link FellowSelected}.
 */
@Service
public class Decisions {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private final DecisionRepository decisions;

	private final ReviewRoundRepository rounds;

	private final ApplicationCatalog applications;

	private final CallCatalog calls;

	private final Portfolios portfolios;

	private final AccountManagement accounts;

	private final MailOutbox mail;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final ReviewProperties properties;

	private final AuditLog auditLog;

	private final Clock clock;

	Decisions(DecisionRepository decisions, ReviewRoundRepository rounds, ApplicationCatalog applications,
			CallCatalog calls, Portfolios portfolios, AccountManagement accounts, MailOutbox mail,
			MessageSource messages, ApplicationEventPublisher events, ReviewProperties properties, AuditLog auditLog,
			Clock clock) {
		this.decisions = decisions;
		this.rounds = rounds;
		this.applications = applications;
		this.calls = calls;
		this.portfolios = portfolios;
		this.accounts = accounts;
		this.mail = mail;
		this.messages = messages;
		this.events = events;
		this.properties = properties;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Records (or changes, until published) the decision on one application.
	 * @param gpuHours the grant when selected; {@code null} grants the requested hours
	 * @throws ReviewException {@code decision.rationaleRequired},
	 * {@code decision.badHours}, {@code decision.overEnvelope} (with the hours still
	 * available), {@code decision.published} or {@code round.notStarted}; nothing changes
	 * then
	 */
	@Transactional
	public DecisionView decide(long callId, long applicationId, DecisionOutcome outcome, String rationale,
			Long gpuHours, String chairEmail) {
		if (outcome == null) {
			throw new ReviewException("decision.outcomeRequired");
		}
		if (rationale == null || rationale.isBlank()) {
			throw new ReviewException("decision.rationaleRequired");
		}
		ReviewRound round = rounds.findForUpdate(callId).orElseThrow(() -> new ReviewException("round.notStarted"));
		ApplicationView application = applications.forReview(applicationId);
		if (application.callId() != callId || application.status() == ApplicationStatus.DRAFT
				|| application.status() == ApplicationStatus.WITHDRAWN) {
			throw new ReviewException(ReviewException.NOT_FOUND);
		}
		CallSummary call = calls.find(callId).orElseThrow();
		Decision decision = decisions.findByApplicationId(applicationId)
			.orElseGet(() -> new Decision(callId, applicationId));
		if (decision.isPublished() && round.publishedAt() != null) {
			throw new ReviewException("decision.published");
		}
		long hours = 0;
		if (outcome == DecisionOutcome.SELECTED) {
			Long requested = application.proposal().requestedGpuHours();
			hours = gpuHours != null ? gpuHours : requested == null ? 0 : requested;
			if (hours <= 0) {
				throw new ReviewException("decision.badHours");
			}
			long alreadyGranted = decisions.grantedHours(callId)
					- (decision.outcome() == DecisionOutcome.SELECTED ? decision.gpuHours() : 0);
			long left = call.gpuHourEnvelope() - alreadyGranted;
			if (hours > left) {
				throw new ReviewException("decision.overEnvelope", hours, Math.max(left, 0), call.gpuHourEnvelope());
			}
		}
		decision.decide(outcome, rationale.strip(), hours, chairEmail, now());
		Decision saved = decisions.save(decision);
		auditLog.record(chairEmail, "DECISION_MADE", "application:" + applicationId,
				outcome + (hours > 0 ? " gpuHours=" + hours : "") + ": " + rationale.strip());
		return saved.toView();
	}

	@Transactional(readOnly = true)
	public List<DecisionView> forCall(long callId) {
		return decisions.findByCallIdOrderByApplicationId(callId).stream().map(Decision::toView).toList();
	}

	@Transactional(readOnly = true)
	public Budget budget(long callId) {
		CallSummary call = calls.find(callId).orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		long granted = decisions.grantedHours(callId);
		return new Budget(call.gpuHourEnvelope(), granted, call.gpuHourEnvelope() - granted);
	}

	/**
	 * Publishes every decision of the call not yet published: mails each applicant, moves
	 * the application to its outcome, grants the FELLOW role to the selected and
	 * publishes {@link FellowSelected} for each.
	 * @return how many decisions were published
	 */
	@Transactional
	public int publish(long callId, String chairEmail) {
		return publish(callId, chairEmail, true);
	}

	/**
	 * As {@link #publish(long, String)}, but refused while an application in review has
	 * no decision unless the chair chose to publish the decided ones only.
	 * @throws ReviewException {@code decision.undecided} (with the count)
	 */
	@Transactional
	public int publish(long callId, String chairEmail, boolean decidedOnly) {
		ReviewRound round = rounds.findForUpdate(callId).orElseThrow(() -> new ReviewException("round.notStarted"));
		int undecided = undecided(callId);
		if (undecided > 0 && !decidedOnly) {
			throw new ReviewException("decision.undecided", undecided);
		}
		CallSummary call = calls.find(callId).orElseThrow();
		Instant now = now();
		LocalDate start = now.atZone(SEOUL).toLocalDate();
		LocalDate end = start.plusMonths(properties.grantMonths()).minusDays(1);
		List<Decision> pending = decisions.findByCallIdOrderByApplicationId(callId)
			.stream()
			.filter(d -> !d.isPublished())
			.toList();
		for (Decision decision : pending) {
			ApplicationView application = applications.moveTo(decision.applicationId(),
					ApplicationStatus.valueOf(decision.outcome().name()));
			decision.publish(now);
			decisions.save(decision);
			if (decision.outcome() == DecisionOutcome.SELECTED) {
				accounts.grantRole(application.applicantAccountId(), Role.FELLOW, chairEmail);
				events.publishEvent(new FellowSelected(application.applicantAccountId(), application.id(), callId,
						decision.gpuHours(), start, end, decision.decidedAt()));
			}
			notify(application, call, decision);
			events.publishEvent(new DecisionPublished(application.id(), callId, application.applicantAccountId(),
					decision.outcome()));
		}
		round.published(now);
		auditLog.record(chairEmail, "DECISIONS_PUBLISHED", "call:" + callId, pending.size() + " decisions");
		return pending.size();
	}

	/** What publishing would do now: counts, GPU hours and one mail of each kind. */
	@Transactional(readOnly = true)
	public PublishPreview preview(long callId) {
		CallSummary call = calls.find(callId).orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		Map<DecisionOutcome, Long> pending = new EnumMap<>(DecisionOutcome.class);
		Map<DecisionOutcome, PublishPreview.MailPreview> mails = new EnumMap<>(DecisionOutcome.class);
		long hours = 0;
		for (Decision decision : decisions.findByCallIdOrderByApplicationId(callId)) {
			if (decision.isPublished()) {
				continue;
			}
			pending.merge(decision.outcome(), 1L, Long::sum);
			hours += decision.outcome() == DecisionOutcome.SELECTED ? decision.gpuHours() : 0;
			if (!mails.containsKey(decision.outcome())) {
				OutgoingMail mail = decisionMail(applications.forReview(decision.applicationId()), call, decision);
				mails.put(decision.outcome(),
						new PublishPreview.MailPreview(decision.outcome(), mail.subject(), mail.body()));
			}
		}
		return new PublishPreview(pending, undecided(callId), hours, List.copyOf(mails.values()));
	}

	/** Decisions made and not yet published. */
	@Transactional(readOnly = true)
	public long pending(long callId) {
		return decisions.countByCallIdAndPublishedAtIsNull(callId);
	}

	/**
	 * Applications in review that have no decision yet; decisions wait on those until
	 * published.
	 */
	@Transactional(readOnly = true)
	public int undecided(long callId) {
		return unpublished(callId).undecided();
	}

	/**
	 * The decisions waiting to be published and the applications in review still without
	 * one, counted together (a call's stage needs both).
	 */
	@Transactional(readOnly = true)
	public Unpublished unpublished(long callId) {
		long pending = decisions.countByCallIdAndPublishedAtIsNull(callId);
		long inReview = applications.count(callId, ApplicationStatus.UNDER_REVIEW);
		return new Unpublished(pending, (int) Math.max(0, inReview - pending));
	}

	/**
	 * A call's decisions not yet published, and its applications in review that still
	 * need one.
	 */
	public record Unpublished(long pending, int undecided) {
	}

	/**
	 * The published decisions on an applicant's own applications.
	 */
	@Transactional(readOnly = true)
	public List<DecisionView> publishedFor(long applicantAccountId) {
		Set<Long> own = portfolios.mine(applicantAccountId)
			.stream()
			.map(ApplicationView::id)
			.collect(Collectors.toSet());
		return own.stream()
			.map(decisions::findByApplicationId)
			.flatMap(Optional::stream)
			.filter(Decision::isPublished)
			.map(Decision::toView)
			.toList();
	}

	private void notify(ApplicationView application, CallSummary call, Decision decision) {
		mail.send(decisionMail(application, call, decision));
	}

	private OutgoingMail decisionMail(ApplicationView application, CallSummary call, Decision decision) {
		String outcome = decision.outcome().name();
		String korean = messages.getMessage("mail.decision.body." + outcome,
				arguments(application, call, decision, Locale.KOREAN), Locale.KOREAN);
		String english = messages.getMessage("mail.decision.body." + outcome,
				arguments(application, call, decision, Locale.ENGLISH), Locale.ENGLISH);
		return new OutgoingMail(
				application.applicantEmail(), messages.getMessage("mail.decision.subject",
						arguments(application, call, decision, Locale.KOREAN), Locale.KOREAN),
				korean + "\n\n" + english);
	}

	private static Object[] arguments(ApplicationView application, CallSummary call, Decision decision,
			Locale language) {
		String name = Locale.ENGLISH.equals(language) && application.profile().nameRomanized() != null
				? application.profile().nameRomanized() : application.profile().nameKo();
		return new Object[] { name, call.title(language), application.receiptNumber(), decision.gpuHours() };
	}

	private Instant now() {
		return Instant.now(clock);
	}

	/**
	 * A call's GPU-hour envelope, what is granted and what is left.
	 */
	public record Budget(long envelope, long granted, long left) {
	}

}
