package kr.aifellows.portal.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import kr.aifellows.portal.system.AuditLog;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows password guessing: consecutive failures lock an account for a while (kept in the
 * database, so a restart does not unlock it), and many failures from one address block that
 * address for a while (kept in memory).
 */
@Component
class LoginThrottle {

	private final AccountRepository accounts;

	private final AuditLog auditLog;

	private final AccountsProperties properties;

	private final Clock clock;

	private final Map<String, Deque<Instant>> failuresByAddress = new ConcurrentHashMap<>();

	LoginThrottle(AccountRepository accounts, AuditLog auditLog, AccountsProperties properties, Clock clock) {
		this.accounts = accounts;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
	}

	boolean isAddressBlocked(String address) {
		Deque<Instant> failures = failuresByAddress.get(address);
		if (failures == null) {
			return false;
		}
		synchronized (failures) {
			prune(failures);
			return failures.size() >= properties.maxFailedLoginsPerAddress();
		}
	}

	@Transactional
	void recordFailure(String email, String address) {
		Instant now = Instant.now(clock);
		Deque<Instant> failures = failuresByAddress.computeIfAbsent(address, key -> new ArrayDeque<>());
		synchronized (failures) {
			prune(failures);
			failures.addLast(now);
			if (failures.size() == properties.maxFailedLoginsPerAddress()) {
				auditLog.record(null, "ADDRESS_BLOCKED", address, "after " + failures.size() + " failed logins");
			}
		}
		if (email == null) {
			return;
		}
		accounts.findByEmail(Account.normalizeEmail(email)).ifPresent(account -> {
			if (!account.isLockedAt(now)
					&& account.recordFailedLogin(properties.maxFailedLogins(), now.plus(properties.lockDuration()))) {
				auditLog.record(null, "ACCOUNT_LOCKED", account.email(),
						"locked until " + account.lockedUntil() + " after " + properties.maxFailedLogins()
								+ " failed logins");
			}
		});
	}

	@Transactional
	void recordSuccess(String email) {
		accounts.findByEmail(Account.normalizeEmail(email)).ifPresent(Account::recordSuccessfulLogin);
	}

	long lockMinutes() {
		return properties.lockDuration().toMinutes();
	}

	/** Forgets addresses whose failures have all aged out, so the map stays small. */
	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void forgetQuietAddresses() {
		failuresByAddress.entrySet().removeIf(entry -> {
			synchronized (entry.getValue()) {
				prune(entry.getValue());
				return entry.getValue().isEmpty();
			}
		});
	}

	private void prune(Deque<Instant> failures) {
		Instant windowStart = Instant.now(clock).minus(properties.lockDuration());
		while (!failures.isEmpty() && failures.peekFirst().isBefore(windowStart)) {
			failures.removeFirst();
		}
	}
}
