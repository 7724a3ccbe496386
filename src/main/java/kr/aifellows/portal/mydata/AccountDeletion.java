package kr.aifellows.portal.mydata;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountSecurity;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.notifications.Notifications;
import kr.aifellows.portal.portfolios.ApplicantErasure;
import kr.aifellows.portal.portfolios.ApplicantErasure.Fate;
import kr.aifellows.portal.portfolios.ApplicantErasure.Outcome;
import kr.aifellows.portal.privacy.PrivacyRequests;
import kr.aifellows.portal.privacy.PrivacyRequests.Kind;
import kr.aifellows.portal.privacy.PrivacyRequests.RequestView;
import kr.aifellows.portal.system.MailOutbox;
import kr.aifellows.portal.system.OutgoingMail;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Carries out a person's request to delete their account: their applications are
 * destroyed or kept as {@link ApplicantErasure} decides, they are told by mail what was
 * deleted and what is kept until when (in Korean and English, as the account's language
 * is gone with it), the account is anonymised, and the request is answered with the same
 * summary.
 */
@Service
public class AccountDeletion {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

	private final PrivacyRequests requests;

	private final AccountManagement accounts;

	private final AccountSecurity security;

	private final ApplicantErasure applications;

	private final MailOutbox mail;

	private final MessageSource messages;

	private final Notifications notifications;

	AccountDeletion(PrivacyRequests requests, AccountManagement accounts, AccountSecurity security,
			ApplicantErasure applications, MailOutbox mail, MessageSource messages, Notifications notifications) {
		this.notifications = notifications;
		this.requests = requests;
		this.accounts = accounts;
		this.security = security;
		this.applications = applications;
		this.mail = mail;
		this.messages = messages;
	}

	/**
	 * What deleting would do, for an open deletion request whose account still exists.
	 */
	public Optional<Plan> plan(long requestId) {
		return openRequest(requestId)
			.map(open -> new Plan(open.request(), open.account(), applications.plan(open.account().id())));
	}

	/**
	 * Deletes the account of an open deletion request.
	 * @return what was done, or empty when the request is not an open deletion request
	 */
	public Optional<Plan> carryOut(long requestId, String officerEmail, String note) {
		return openRequest(requestId).map(open -> {
			long accountId = open.account().id();
			List<Outcome> done = applications.erase(accountId);
			String korean = summary(done, Locale.KOREAN);
			String english = summary(done, Locale.ENGLISH);
			String extra = note == null || note.isBlank() ? "" : "\n\n" + note.strip();
			mail.send(new OutgoingMail(open.account().email(),
					messages.getMessage("erasure.mail.subject", null, Locale.KOREAN) + " / "
							+ messages.getMessage("erasure.mail.subject", null, Locale.ENGLISH),
					korean + extra + "\n\n----\n\n" + english));
			security.erase(accountId, officerEmail, "privacy_request:" + requestId);
			notifications.erase(accountId);
			requests.answer(requestId, officerEmail, korean + extra);
			return new Plan(open.request(), open.account(), done);
		});
	}

	private Optional<OpenRequest> openRequest(long requestId) {
		return requests.find(requestId)
			.filter(request -> request.kind() == Kind.DELETION && request.answeredAt() == null)
			.flatMap(request -> accounts.findById(request.accountId())
				.map(account -> new OpenRequest(request, account)));
	}

	private record OpenRequest(RequestView request, AccountView account) {
	}

	private String summary(List<Outcome> outcomes, Locale locale) {
		String intro = messages.getMessage("erasure.mail.intro", null, locale);
		String lines = outcomes.stream()
			.map(outcome -> "- " + (Locale.ENGLISH.equals(locale) ? outcome.callTitleEn() : outcome.callTitleKo())
					+ (outcome.receiptNumber() == null ? "" : " (" + outcome.receiptNumber() + ")") + ": "
					+ messages.getMessage("erasure.fate." + outcome.fate(),
							new Object[] { outcome.keptUntil() == null ? "" : DAY.format(outcome.keptUntil()) },
							locale))
			.collect(Collectors.joining("\n"));
		return intro + (lines.isEmpty() ? "" : "\n" + lines) + "\n"
				+ messages.getMessage("erasure.mail.records", null, locale);
	}

	/**
	 * A deletion request, the account it is about and what would become of each of its
	 * applications.
	 */
	public record Plan(RequestView request, AccountView account, List<Outcome> applications) {

		public boolean keepsAnything() {
			return applications.stream()
				.anyMatch(outcome -> outcome.fate() == Fate.KEPT_UNTIL || outcome.fate() == Fate.KEPT_WITH_GRANT);
		}

	}

}
