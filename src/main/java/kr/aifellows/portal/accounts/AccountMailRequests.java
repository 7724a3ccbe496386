package kr.aifellows.portal.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;

import kr.aifellows.portal.system.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles the requests anyone may make for any address, "forgot password" and "send the
 * verification link again", off the requester's thread, so that the answer takes the same
 * time whether or not the address has an account (the lookup, the token and the mail
 * through the outbox happen afterwards). A request still queued when the portal stops is
 * lost; the person simply asks again.
 */
@Component
class AccountMailRequests {

	private static final Logger log = LoggerFactory.getLogger(AccountMailRequests.class);

	private final AccountRepository accounts;

	private final AccountTokenRepository tokens;

	private final AccountMails mails;

	private final AuditLog auditLog;

	private final AccountsProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	/**
	 * One worker and a bounded queue: a flood of requests cannot take more than one
	 * thread.
	 */
	private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1000), Thread.ofPlatform().name("account-mail-requests").daemon().factory(),
			new ThreadPoolExecutor.DiscardPolicy());

	AccountMailRequests(AccountRepository accounts, AccountTokenRepository tokens, AccountMails mails,
			AuditLog auditLog, AccountsProperties properties, Clock clock, PlatformTransactionManager transactions) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.mails = mails;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	void submitPasswordReset(String email, Locale locale) {
		submit(email, locale, this::passwordReset);
	}

	void submitVerificationResend(String email, Locale locale) {
		submit(email, locale, this::verificationResend);
	}

	/** A new verification link (a new account's, or a resent one). */
	void sendVerification(Account account, Locale locale) {
		Instant now = Instant.now(clock);
		String token = Tokens.newToken();
		tokens.save(new AccountToken(Tokens.hash(token), AccountToken.Purpose.VERIFY_EMAIL, account.id(), now,
				now.plus(properties.verificationValidity())));
		mails.verification(account.email(), account.displayName(), token, properties.verificationValidity(), locale);
	}

	private void submit(String email, Locale locale, BiConsumer<String, Locale> handler) {
		String normalized = Account.normalizeEmail(email);
		worker.execute(() -> {
			try {
				transaction.executeWithoutResult(status -> handler.accept(normalized, locale));
			}
			catch (RuntimeException ex) {
				log.warn("Could not handle a request for an account mail: {}", ex.getMessage());
			}
		});
	}

	@PreDestroy
	void stop() throws InterruptedException {
		worker.shutdown();
		worker.awaitTermination(5, TimeUnit.SECONDS);
	}

	private void verificationResend(String email, Locale locale) {
		accounts.findByEmail(email).filter(account -> !account.emailVerified()).ifPresent(account -> {
			tokens.invalidateAll(account.id(), AccountToken.Purpose.VERIFY_EMAIL, Instant.now(clock));
			sendVerification(account, locale);
		});
	}

	private void passwordReset(String email, Locale locale) {
		auditLog.record(null, "PASSWORD_RESET_REQUESTED", email, null);
		accounts.findByEmail(email).ifPresent(account -> {
			Instant now = Instant.now(clock);
			tokens.invalidateAll(account.id(), AccountToken.Purpose.RESET_PASSWORD, now);
			String token = Tokens.newToken();
			tokens.save(new AccountToken(Tokens.hash(token), AccountToken.Purpose.RESET_PASSWORD, account.id(), now,
					now.plus(properties.passwordResetValidity())));
			mails.passwordReset(account.email(), account.displayName(), token, properties.passwordResetValidity(),
					locale);
		});
	}

}
