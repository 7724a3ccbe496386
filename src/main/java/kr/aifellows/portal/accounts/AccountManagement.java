package kr.aifellows.portal.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import kr.aifellows.portal.shared.SupportedLocales;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The accounts module's API: registration and e-mail verification, password reset,
 * invitations and roles.
 */
@Service
public class AccountManagement {

	private final AccountRepository accounts;

	private final AccountTokenRepository tokens;

	private final InvitationRepository invitations;

	private final PasswordPolicy passwordPolicy;

	private final PasswordEncoder passwordEncoder;

	private final AccountMails mails;

	private final AuditLog auditLog;

	private final AccountsProperties properties;

	private final Clock clock;

	private final AccountMailRequests mailRequests;

	private final AccountSessions sessions;

	private final LoginThrottle throttle;

	AccountManagement(AccountRepository accounts, AccountTokenRepository tokens, InvitationRepository invitations,
			PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, AccountMails mails, AuditLog auditLog,
			AccountsProperties properties, Clock clock, AccountMailRequests mailRequests, AccountSessions sessions,
			LoginThrottle throttle) {
		this.mailRequests = mailRequests;
		this.sessions = sessions;
		this.throttle = throttle;
		this.accounts = accounts;
		this.tokens = tokens;
		this.invitations = invitations;
		this.passwordPolicy = passwordPolicy;
		this.passwordEncoder = passwordEncoder;
		this.mails = mails;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Registers an applicant whose account works once the e-mail address is verified
	 * through the link mailed to it. A taken address gets the same answer as a new one
	 * (so that nobody learns who has an account); its owner is mailed instead.
	 * @return the new account, or empty for a taken address
	 * @throws AccountException for a password the policy rejects
	 */
	@Transactional
	public Optional<AccountView> register(String email, String displayName, String password, Locale locale) {
		String normalized = Account.normalizeEmail(email);
		checkPassword(password, normalized);
		Optional<Account> existing = accounts.findByEmail(normalized);
		if (existing.isPresent()) {
			// The same work as for a new account, so that the answer also takes the same
			// time.
			passwordEncoder.encode(password);
			Account owner = existing.get();
			mails.registrationAttempt(owner.email(), owner.displayName(),
					Locale.forLanguageTag(owner.preferredLocale()));
			auditLog.record(null, "REGISTRATION_OF_TAKEN_ADDRESS", owner.email(), null);
			return Optional.empty();
		}
		Account account = newAccount(email, displayName, password, locale, EnumSet.of(Role.APPLICANT));
		mailRequests.sendVerification(account, locale);
		auditLog.record(account.email(), "REGISTERED", account.email(), null);
		return Optional.of(account.toView());
	}

	/**
	 * Creates a ready-to-use account whose address counts as verified (demo data,
	 * set-up).
	 */
	@Transactional
	public AccountView createVerified(String email, String displayName, String password, Set<Role> roles) {
		Account account = newAccount(email, displayName, password, Locale.KOREAN, roles);
		account.verifyEmail();
		auditLog.record("system", "ACCOUNT_CREATED", account.email(), "roles=" + roles);
		return account.toView();
	}

	/**
	 * @throws AccountException when the link is unknown, used or expired
	 */
	@Transactional
	public AccountView confirmEmail(String token) {
		AccountToken verification = usableToken(token, AccountToken.Purpose.VERIFY_EMAIL);
		verification.use(now());
		Account account = accounts.findById(verification.accountId()).orElseThrow();
		account.verifyEmail();
		auditLog.record(account.email(), "EMAIL_VERIFIED", account.email(), null);
		return account.toView();
	}

	/**
	 * Sends a new verification link to an unverified account; says nothing about whether
	 * one exists, and takes the same time either way (see {@link AccountMailRequests}).
	 */
	public void resendVerification(String email, Locale locale) {
		mailRequests.submitVerificationResend(email, locale);
	}

	/**
	 * An administrator's "send the verification link again" for an account that has not
	 * verified its address yet.
	 * @throws AccountException for an unknown or already verified account
	 */
	@Transactional
	public void resendVerification(long accountId, String actorEmail, Locale locale) {
		Account account = accounts.findById(accountId)
			.orElseThrow(() -> new AccountException(null, "account.notFound"));
		if (account.toView().emailVerified()) {
			throw new AccountException(null, "account.alreadyVerified");
		}
		mailRequests.submitVerificationResend(account.email(), locale);
		auditLog.record(actorEmail, "VERIFICATION_RESENT", account.email(), null);
	}

	/**
	 * Mails a password reset link when the address belongs to an account; says nothing
	 * about whether one exists, and takes the same time either way: the lookup and the
	 * mail happen afterwards, off the caller's thread (see {@link AccountMailRequests}).
	 */
	public void requestPasswordReset(String email, Locale locale) {
		mailRequests.submitPasswordReset(email, locale);
	}

	@Transactional
	public boolean isPasswordResetTokenUsable(String token) {
		return StringUtils.hasText(token)
				&& tokens.findByTokenHashAndPurpose(Tokens.hash(token), AccountToken.Purpose.RESET_PASSWORD)
					.filter(found -> found.usableAt(now()))
					.isPresent();
	}

	/**
	 * Sets a new password through a reset link; the link then stops working, and a locked
	 * account is unlocked.
	 * @throws AccountException for an unusable link or a password the policy rejects
	 */
	@Transactional
	public void resetPassword(String token, String newPassword) {
		AccountToken reset = usableToken(token, AccountToken.Purpose.RESET_PASSWORD);
		Account account = accounts.findById(reset.accountId()).orElseThrow();
		checkPassword(newPassword, account.email());
		reset.use(now());
		account.changePassword(passwordEncoder.encode(newPassword));
		// Whoever can read the mailbox could register; following the link proves the
		// address too.
		account.verifyEmail();
		throttle.unlock(account.email());
		// Whoever reset the password may be shutting out someone who knew the old one.
		sessions.endAll(account.email(), null);
		auditLog.record(account.email(), "PASSWORD_RESET", account.email(), null);
	}

	/**
	 * Invites someone by e-mail into the reviewer or chair role.
	 * @throws AccountException when the inviter may not invite into that role
	 */
	@Transactional
	public InvitationView invite(String email, Role role, String inviterEmail, Locale locale) {
		Account inviter = accounts.findByEmail(inviterEmail).orElseThrow();
		if (!role.invitableBy(inviter.roles())) {
			throw new AccountException("role", "invitation.roleNotAllowed");
		}
		String normalized = Account.normalizeEmail(email);
		String token = Tokens.newToken();
		Invitation invitation = invitations.save(new Invitation(normalized, role, inviter.email(), Tokens.hash(token),
				now(), now().plus(properties.invitationValidity())));
		mails.invitation(normalized, role.name(), inviter.displayName(), token, properties.invitationValidity(),
				locale);
		auditLog.record(inviter.email(), "INVITATION_SENT", normalized, "role=" + role);
		return invitation.toView();
	}

	@Transactional
	public Optional<InvitationView> openInvitation(String token) {
		if (!StringUtils.hasText(token)) {
			return Optional.empty();
		}
		return invitations.findByTokenHash(Tokens.hash(token))
			.filter(invitation -> invitation.openAt(now()))
			.map(Invitation::toView);
	}

	@Transactional(readOnly = true)
	public boolean exists(String email) {
		return accounts.existsByEmail(Account.normalizeEmail(email));
	}

	/**
	 * Accepts an invitation by creating the invitee's account (the link proves the
	 * address).
	 * @throws AccountException for an unusable link, an address that already has an
	 * account, or a password the policy rejects
	 */
	@Transactional
	public AccountView acceptInvitationWithNewAccount(String token, String displayName, String password,
			Locale locale) {
		Invitation invitation = usableInvitation(token);
		Account account = newAccount(invitation.email(), displayName, password, locale, EnumSet.of(invitation.role()));
		account.verifyEmail();
		invitation.accept(account.id(), now());
		auditLog.record(account.email(), "INVITATION_ACCEPTED", account.email(), "role=" + invitation.role());
		return account.toView();
	}

	/**
	 * Accepts an invitation for the signed-in account, which must be the invited address.
	 */
	@Transactional
	public AccountView acceptInvitationAsExisting(String token, String signedInEmail) {
		Invitation invitation = usableInvitation(token);
		Account account = accounts.findByEmail(signedInEmail).orElseThrow();
		if (!account.email().equals(invitation.email())) {
			throw new AccountException(null, "invitation.otherAccount", invitation.email());
		}
		account.grant(invitation.role());
		account.verifyEmail();
		invitation.accept(account.id(), now());
		auditLog.record(account.email(), "INVITATION_ACCEPTED", account.email(), "role=" + invitation.role());
		return account.toView();
	}

	@Transactional(readOnly = true)
	public List<InvitationView> recentInvitations(int limit) {
		return invitations.findAllByOrderByIdDesc(PageRequest.of(0, limit)).stream().map(Invitation::toView).toList();
	}

	@Transactional
	public AccountView grantRole(long accountId, Role role, String actorEmail) {
		return grantRole(accountId, role, actorEmail, null);
	}

	/** Grants a role; an administrator's reason goes into the audit log with it. */
	@Transactional
	public AccountView grantRole(long accountId, Role role, String actorEmail, String reason) {
		Account account = accounts.findById(accountId)
			.orElseThrow(() -> new AccountException(null, "account.notFound"));
		if (account.grant(role)) {
			auditLog.record(actorEmail, "ROLE_GRANTED", account.email(), roleDetail(role, reason));
		}
		return account.toView();
	}

	/**
	 * Removes a role; the reason goes into the audit log with it.
	 * @throws AccountException when an administrator would remove their own ADMIN role
	 * (so the portal always keeps the administrator who acts)
	 */
	@Transactional
	public AccountView revokeRole(long accountId, Role role, String actorEmail, String reason) {
		Account account = accounts.findById(accountId)
			.orElseThrow(() -> new AccountException(null, "account.notFound"));
		if (role == Role.ADMIN && account.email().equals(Account.normalizeEmail(actorEmail))) {
			throw new AccountException(null, "account.cannotRevokeOwnAdmin");
		}
		if (account.revoke(role)) {
			auditLog.record(actorEmail, "ROLE_REVOKED", account.email(), roleDetail(role, reason));
		}
		return account.toView();
	}

	private static String roleDetail(Role role, String reason) {
		return reason == null || reason.isBlank() ? "role=" + role : "role=" + role + "; reason=" + reason.strip();
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> findById(long id) {
		return accounts.findById(id).map(Account::toView);
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> findByEmail(String email) {
		return accounts.findByEmail(Account.normalizeEmail(email)).map(Account::toView);
	}

	@Transactional(readOnly = true)
	public Page<AccountView> search(String text, Pageable pageable) {
		String filter = StringUtils.hasText(text) ? "%" + text.strip().toLowerCase(Locale.ROOT) + "%" : "";
		return accounts.search(filter, pageable).map(Account::toView);
	}

	/**
	 * @return how long repeated failed logins lock an account, for the login page's
	 * message
	 */
	public long loginLockMinutes() {
		return properties.lockDuration().toMinutes();
	}

	private Account newAccount(String email, String displayName, String password, Locale locale,
			Collection<Role> roles) {
		String normalized = Account.normalizeEmail(email);
		if (accounts.existsByEmail(normalized)) {
			throw new AccountException("email", "email.taken");
		}
		checkPassword(password, normalized);
		Account account = new Account(normalized, displayName, passwordEncoder.encode(password),
				SupportedLocales.closest(locale).getLanguage(), now());
		roles.forEach(account::grant);
		try {
			return accounts.save(account);
		}
		catch (DataIntegrityViolationException ex) {
			// Two registrations for the same address raced past the check above.
			throw new AccountException("email", "email.taken");
		}
	}

	private void checkPassword(String password, String email) {
		passwordPolicy.violation(password, email).ifPresent(code -> {
			throw new AccountException("password", code, PasswordPolicy.MIN_LENGTH);
		});
	}

	private AccountToken usableToken(String token, AccountToken.Purpose purpose) {
		if (!StringUtils.hasText(token)) {
			throw new AccountException(null, "token.invalid");
		}
		return tokens.findByTokenHashAndPurpose(Tokens.hash(token), purpose)
			.filter(found -> found.usableAt(now()))
			.orElseThrow(() -> new AccountException(null, "token.invalid"));
	}

	private Invitation usableInvitation(String token) {
		if (!StringUtils.hasText(token)) {
			throw new AccountException(null, "invitation.invalid");
		}
		return invitations.findByTokenHash(Tokens.hash(token))
			.filter(invitation -> invitation.openAt(now()))
			.orElseThrow(() -> new AccountException(null, "invitation.invalid"));
	}

	private Instant now() {
		return Instant.now(clock);
	}

}
