package kr.aifellows.portal.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import kr.aifellows.portal.accounts.tokens.ApiTokens;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What ends an account's other sessions: a password change, deactivation, an
 * administrator's "end sessions" and the account's deletion. Each ends every other
 * session and remember-me token of the account on every instance (see
 * {@link AccountSessions}).
 */
@Service
public class AccountSecurity {

	private final AccountRepository accounts;

	private final PasswordPolicy passwordPolicy;

	private final PasswordEncoder passwordEncoder;

	private final AccountSessions sessions;

	private final LoginThrottle throttle;

	private final AuditLog auditLog;

	private final Clock clock;

	private final ApiTokens apiTokens;

	AccountSecurity(AccountRepository accounts, PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder,
			AccountSessions sessions, LoginThrottle throttle, AuditLog auditLog, Clock clock, ApiTokens apiTokens) {
		this.apiTokens = apiTokens;
		this.accounts = accounts;
		this.passwordPolicy = passwordPolicy;
		this.passwordEncoder = passwordEncoder;
		this.sessions = sessions;
		this.throttle = throttle;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Changes the signed-in account's password and ends all its other sessions.
	 * @param currentSessionId the session that made the change, which stays signed in
	 * @throws AccountException for a wrong current password or a new one the policy
	 * rejects
	 */
	@Transactional
	public void changePassword(String email, String currentPassword, String newPassword, String currentSessionId) {
		Account account = accounts.findByEmail(Account.normalizeEmail(email)).orElseThrow();
		if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
			throw new AccountException("currentPassword", "password.currentWrong");
		}
		passwordPolicy.violation(newPassword, account.email()).ifPresent(code -> {
			throw new AccountException("password", code, PasswordPolicy.MIN_LENGTH);
		});
		account.changePassword(passwordEncoder.encode(newPassword));
		throttle.unlock(account.email());
		sessions.endAll(account.email(), currentSessionId);
		auditLog.record(account.email(), "PASSWORD_CHANGED", account.email(), null);
	}

	/**
	 * Deactivates an account: it cannot sign in, and its sessions end at once.
	 * @throws AccountException for an unknown account, or an administrator's own
	 */
	@Transactional
	public AccountView deactivate(long accountId, String actorEmail) {
		Account account = find(accountId);
		if (account.email().equals(Account.normalizeEmail(actorEmail))) {
			throw new AccountException(null, "account.cannotDeactivateSelf");
		}
		if (account.deactivate(Instant.now(clock))) {
			auditLog.record(actorEmail, "ACCOUNT_DEACTIVATED", account.email(), null);
		}
		sessions.endAll(account.email(), null);
		return account.toView();
	}

	@Transactional
	public AccountView reactivate(long accountId, String actorEmail) {
		Account account = find(accountId);
		if (account.reactivate()) {
			auditLog.record(actorEmail, "ACCOUNT_REACTIVATED", account.email(), null);
		}
		return account.toView();
	}

	/**
	 * Ends every session and remember-me token of an account (an administrator's "end
	 * sessions").
	 */
	@Transactional
	public void endSessions(long accountId, String actorEmail) {
		Account account = find(accountId);
		sessions.endAll(account.email(), null);
		auditLog.record(actorEmail, "SESSIONS_ENDED", account.email(), null);
	}

	/**
	 * Deletes an account at its holder's request: its sessions end, its API tokens are
	 * deleted, and its address, name, roles and password are gone, so nobody can sign in
	 * to it or find who it was. The audit record names the account by its number only.
	 * @throws AccountException for an unknown account, or the acting person's own
	 */
	@Transactional
	public void erase(long accountId, String actorEmail, String reason) {
		Account account = find(accountId);
		if (account.email().equals(Account.normalizeEmail(actorEmail))) {
			throw new AccountException(null, "account.cannotDeactivateSelf");
		}
		sessions.endAll(account.email(), null);
		throttle.unlock(account.email());
		apiTokens.deleteAll(accountId);
		account.erase(Instant.now(clock), passwordEncoder.encode(UUID.randomUUID().toString()));
		auditLog.record(actorEmail, "ACCOUNT_ERASED", "account:" + accountId, reason);
	}

	/**
	 * Lifts a lock left by too many failed sign-ins, before it would run out by itself.
	 */
	@Transactional
	public void unlock(long accountId, String actorEmail) {
		Account account = find(accountId);
		throttle.unlock(account.email());
		auditLog.record(actorEmail, "ACCOUNT_UNLOCKED", account.email(), null);
	}

	/** Which of these addresses are locked now by too many failed sign-ins. */
	@Transactional(readOnly = true)
	public Set<String> lockedAmong(Collection<String> emails) {
		return emails.stream().filter(throttle::isEmailLocked).collect(Collectors.toSet());
	}

	private Account find(long accountId) {
		return accounts.findById(accountId).orElseThrow(() -> new AccountException(null, "account.notFound"));
	}

}
