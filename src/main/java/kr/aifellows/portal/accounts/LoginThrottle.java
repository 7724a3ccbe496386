package kr.aifellows.portal.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import kr.aifellows.portal.system.AuditLog;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows password guessing, in the database so that every instance sees the same counts:
 * failures for one e-mail address within the lock duration lock it for a while, and many
 * failures from one client address block that address. An address without an account
 * counts exactly like one with an account, so the throttle tells nobody which addresses
 * are registered.
 */
@Component
class LoginThrottle {

	enum Kind {

		EMAIL, CLIENT

	}

	/**
	 * Counts one failure unless the subject is blocked already; a window older than the
	 * lock duration starts over.
	 */
	private static final String COUNT_FAILURE = """
			insert into login_throttle as t (kind, subject, failures, window_start) values (?, ?, 1, ?)
			on conflict (kind, subject) do update set
			    failures = case when t.window_start < ? then 1 else t.failures + 1 end,
			    window_start = case when t.window_start < ? then excluded.window_start else t.window_start end,
			    blocked_until = null
			where t.blocked_until is null or t.blocked_until <= excluded.window_start
			returning failures""";

	private final JdbcTemplate jdbc;

	private final AuditLog auditLog;

	private final AccountsProperties properties;

	private final Clock clock;

	LoginThrottle(JdbcTemplate jdbc, AuditLog auditLog, AccountsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
	}

	boolean isAddressBlocked(String address) {
		return isBlocked(Kind.CLIENT, address);
	}

	boolean isEmailLocked(String email) {
		return email != null && isBlocked(Kind.EMAIL, Account.normalizeEmail(email));
	}

	@Transactional
	void recordFailure(String email, String address) {
		if (count(Kind.CLIENT, address, properties.maxFailedLoginsPerAddress())) {
			auditLog.record(null, "ADDRESS_BLOCKED", address,
					"after " + properties.maxFailedLoginsPerAddress() + " failed logins");
		}
		if (email != null && count(Kind.EMAIL, Account.normalizeEmail(email), properties.maxFailedLogins())) {
			auditLog.record(null, "ACCOUNT_LOCKED", Account.normalizeEmail(email),
					"locked for " + properties.lockDuration().toMinutes() + " min after " + properties.maxFailedLogins()
							+ " failed logins");
		}
	}

	@Transactional
	void recordSuccess(String email) {
		jdbc.update("delete from login_throttle where kind = ? and subject = ?", Kind.EMAIL.name(),
				Account.normalizeEmail(email));
	}

	/**
	 * A new password (reset or change) lifts the lock: whoever set it proved they own the
	 * account.
	 */
	@Transactional
	void unlock(String email) {
		recordSuccess(email);
	}

	long lockMinutes() {
		return properties.lockDuration().toMinutes();
	}

	/**
	 * Forgets subjects whose failures and blocks have all aged out, so the table stays
	 * small.
	 */
	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	@SchedulerLock(name = "login-throttle-prune", lockAtMostFor = "PT5M")
	void forgetQuietSubjects() {
		Timestamp now = Timestamp.from(Instant.now(clock));
		jdbc.update(
				"delete from login_throttle where window_start < ? and (blocked_until is null or blocked_until < ?)",
				Timestamp.from(windowStart()), now);
	}

	/**
	 * @return whether this failure blocked the subject
	 */
	private boolean count(Kind kind, String subject, int limit) {
		if (subject == null) {
			return false;
		}
		Instant now = Instant.now(clock);
		Timestamp windowStart = Timestamp.from(windowStart());
		List<Integer> failures = jdbc.queryForList(COUNT_FAILURE, Integer.class, kind.name(), subject,
				Timestamp.from(now), windowStart, windowStart);
		if (failures.isEmpty() || failures.get(0) < limit) {
			return false;
		}
		jdbc.update(
				"update login_throttle set failures = 0, window_start = ?, blocked_until = ? "
						+ "where kind = ? and subject = ?",
				Timestamp.from(now), Timestamp.from(now.plus(properties.lockDuration())), kind.name(), subject);
		return true;
	}

	private boolean isBlocked(Kind kind, String subject) {
		return subject != null && !jdbc
			.queryForList("select 1 from login_throttle where kind = ? and subject = ? and blocked_until > ?",
					Integer.class, kind.name(), subject, Timestamp.from(Instant.now(clock)))
			.isEmpty();
	}

	private Instant windowStart() {
		return Instant.now(clock).minus(properties.lockDuration());
	}

}
