package kr.aifellows.portal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.system.AuditLog;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consents item by item, each stored with the privacy policy version agreed to and the
 * time; optional ones can be withdrawn, required ones only by closing the account.
 */
@Service
public class Consents {

	private final JdbcTemplate jdbc;

	private final PrivacyPolicy policy;

	private final AuditLog auditLog;

	private final Clock clock;

	Consents(JdbcTemplate jdbc, PrivacyPolicy policy, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.policy = policy;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Whether these answers include every required item.
	 */
	public static boolean coversRequired(Set<ConsentItem> given) {
		return Arrays.stream(ConsentItem.values()).filter(ConsentItem::required).allMatch(given::contains);
	}

	/**
	 * Records the items a person agreed to at registration.
	 * @throws IllegalArgumentException if a required item is missing
	 */
	@Transactional
	public void give(long accountId, String email, Set<ConsentItem> given) {
		if (!coversRequired(given)) {
			throw new IllegalArgumentException("a required consent is missing");
		}
		int version = policy.current().number();
		for (ConsentItem item : given) {
			jdbc.update("""
					insert into account_consents (account_id, item, policy_version, given_at) values (?, ?, ?, ?)
					on conflict do nothing""", accountId, item.name(), version, Timestamp.from(Instant.now(clock)));
		}
		auditLog.record(email, "CONSENT_GIVEN", "account:" + accountId, given + " policy v" + version);
	}

	/**
	 * Withdraws an optional consent; nothing happens if it was not given.
	 * @throws IllegalArgumentException for a required item
	 */
	@Transactional
	public void withdraw(long accountId, String email, ConsentItem item) {
		if (item.required()) {
			throw new IllegalArgumentException("a required consent is withdrawn only by closing the account");
		}
		int changed = jdbc.update("""
				update account_consents set withdrawn_at = ?
				where account_id = ? and item = ? and withdrawn_at is null""", Timestamp.from(Instant.now(clock)),
				accountId, item.name());
		if (changed > 0) {
			auditLog.record(email, "CONSENT_WITHDRAWN", "account:" + accountId, item.name());
		}
	}

	/**
	 * Every consent a person gave, withdrawn ones too, oldest first.
	 */
	@Transactional(readOnly = true)
	public List<ConsentView> of(long accountId) {
		return jdbc.query("""
				select item, policy_version, given_at, withdrawn_at from account_consents
				where account_id = ? order by id""", (row, n) -> {
			Timestamp withdrawn = row.getTimestamp("withdrawn_at");
			return new ConsentView(ConsentItem.valueOf(row.getString("item")), row.getInt("policy_version"),
					row.getTimestamp("given_at").toInstant(), withdrawn == null ? null : withdrawn.toInstant());
		}, accountId);
	}

	/**
	 * One consent as its giver sees it.
	 */
	public record ConsentView(ConsentItem item, int policyVersion, Instant givenAt, Instant withdrawnAt) {

		public boolean active() {
			return withdrawnAt == null;
		}
	}

}
