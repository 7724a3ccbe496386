package kr.aifellows.portal.accounts;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import kr.aifellows.portal.shared.SupportedLocales;
import kr.aifellows.portal.system.MailOutbox;
import kr.aifellows.portal.system.MailProperties;
import kr.aifellows.portal.system.OutgoingMail;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The account mails, in the recipient's language, with links to the portal's public
 * address.
 */
@Component
class AccountMails {

	private final MailOutbox outbox;

	private final MessageSource messages;

	private final MailProperties mailProperties;

	AccountMails(MailOutbox outbox, MessageSource messages, MailProperties mailProperties) {
		this.outbox = outbox;
		this.messages = messages;
		this.mailProperties = mailProperties;
	}

	void verification(String to, String name, String token, Duration validity, Locale locale) {
		send(to, "mail.verify", locale, name, link("/register/verify", token), validity.toHours());
	}

	void passwordReset(String to, String name, String token, Duration validity, Locale locale) {
		send(to, "mail.reset", locale, name, link("/password/reset", token), validity.toMinutes());
	}

	/**
	 * Someone tried to register the owner's address: say so, and where to reset the
	 * password.
	 */
	void registrationAttempt(String to, String name, Locale locale) {
		send(to, "mail.registrationAttempt", locale, name, link("/password/forgot", null), link("/login", null));
	}

	void invitation(String to, String role, String inviter, String token, Duration validity, Locale locale) {
		String roleName = messages.getMessage("role." + role, null, role, SupportedLocales.closest(locale));
		send(to, "mail.invitation", locale, roleName, inviter, link("/invitations/accept", token), validity.toDays());
	}

	private void send(String to, String key, Locale locale, Object... arguments) {
		Locale language = SupportedLocales.closest(locale);
		outbox.send(new OutgoingMail(to, messages.getMessage(key + ".subject", arguments, language),
				messages.getMessage(key + ".body", arguments, language)));
	}

	private String link(String path, String token) {
		return UriComponentsBuilder.fromUriString(mailProperties.baseUrl())
			.path(path)
			.queryParamIfPresent("token", Optional.ofNullable(token))
			.build()
			.toUriString();
	}

}
