package kr.aifellows.portal.portfolios;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.MailOutbox;
import kr.aifellows.portal.system.OutgoingMail;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;

/**
 * Submitting and withdrawing an application for {@link Portfolios}: the deadline and
 * completeness checks, the receipt number and mail, the event and the audit entry. Runs
 * in the caller's transaction.
 */
class Submissions {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private final OwnedApplications owned;

	private final ApplicationRepository applications;

	private final CallCatalog callCatalog;

	private final ApplicationEventPublisher events;

	private final MailOutbox mail;

	private final MessageSource messages;

	private final AuditLog auditLog;

	private final Clock clock;

	Submissions(OwnedApplications owned, ApplicationRepository applications, CallCatalog callCatalog,
			ApplicationEventPublisher events, MailOutbox mail, MessageSource messages, AuditLog auditLog, Clock clock) {
		this.owned = owned;
		this.applications = applications;
		this.callCatalog = callCatalog;
		this.events = events;
		this.mail = mail;
		this.messages = messages;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	ApplicationView submit(long applicationId, long applicantAccountId, Instant requestedAt, Locale locale) {
		Application application = applications.findForUpdate(applicationId, applicantAccountId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		if (application.status() == ApplicationStatus.SUBMITTED) {
			return owned.view(application);
		}
		application.requireDraft();
		Instant deadline = callCatalog.deadlineFor(application.callId(), applicantAccountId);
		if (requestedAt.isAfter(deadline)) {
			throw new PortfolioException("application.deadlinePassed");
		}
		List<ApplicationFileView> attached = owned.attachedFiles(application);
		List<String> problems = SubmissionRules.problems(application.toView(attached));
		if (!problems.isEmpty()) {
			throw new PortfolioException("application.incomplete");
		}
		String receipt = receiptNumber(application, requestedAt);
		application.submit(receipt, Instant.now(clock));
		applications.save(application);
		ApplicationView submitted = application.toView(attached);
		events.publishEvent(new ApplicationSubmitted(application.id(), application.callId(), applicantAccountId,
				receipt, requestedAt));
		auditLog.record(application.applicantEmail(), "APPLICATION_SUBMITTED", "application:" + application.id(),
				receipt);
		sendReceipt(submitted, locale);
		return submitted;
	}

	ApplicationView withdraw(long applicationId, long applicantAccountId, Instant requestedAt) {
		Application application = applications.findForUpdate(applicationId, applicantAccountId)
			.orElseThrow(() -> new PortfolioException("application.notFound"));
		if (requestedAt.isAfter(callCatalog.deadlineFor(application.callId(), applicantAccountId))) {
			throw new PortfolioException("application.deadlinePassed");
		}
		application.withdraw(requestedAt);
		events.publishEvent(
				new ApplicationWithdrawn(application.id(), application.callId(), applicantAccountId, requestedAt));
		auditLog.record(application.applicantEmail(), "APPLICATION_WITHDRAWN", "application:" + application.id(), null);
		return owned.view(application);
	}

	private void sendReceipt(ApplicationView application, Locale locale) {
		CallSummary call = callCatalog.find(application.callId()).orElseThrow();
		Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.KOREAN;
		String submittedAt = application.submittedAt().atZone(SEOUL).toLocalDateTime().withNano(0) + " KST";
		Object[] arguments = { application.profile().nameKo(), call.title(language), application.receiptNumber(),
				submittedAt };
		mail.send(new OutgoingMail(application.applicantEmail(),
				messages.getMessage("mail.submitted.subject", arguments, language),
				messages.getMessage("mail.submitted.body", arguments, language)));
	}

	private static String receiptNumber(Application application, Instant submittedAt) {
		return "AIF-%d-%d-%06d".formatted(submittedAt.atZone(SEOUL).getYear(), application.callId(), application.id());
	}

}
