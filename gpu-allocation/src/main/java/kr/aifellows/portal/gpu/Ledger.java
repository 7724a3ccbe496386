package kr.aifellows.portal.gpu;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes to the ledger and the wallet totals together; callers hold the wallet's row lock
 * (from {@link #lockWallet}) inside one transaction.
 */
final class Ledger {

	private final JdbcClient jdbc;

	Ledger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void ensureWallet(long accountId) {
		jdbc.sql("insert into gpu_wallet (account_id) values (?) on conflict do nothing").param(accountId).update();
	}

	Optional<Balance> lockWallet(long accountId) {
		return jdbc.sql("""
				select account_id, available, held, granted_total, charged_total, expired_total, adjusted_total
				from gpu_wallet where account_id = ? for update""").param(accountId).query(Ledger::balance).optional();
	}

	Optional<Balance> balance(long accountId) {
		return jdbc.sql("""
				select account_id, available, held, granted_total, charged_total, expired_total, adjusted_total
				from gpu_wallet where account_id = ?""").param(accountId).query(Ledger::balance).optional();
	}

	/**
	 * Appends one entry and moves the wallet's totals by the same amounts.
	 */
	void append(long accountId, LedgerEntry.Kind kind, long gpuSeconds, long balanceDelta, long heldDelta,
			Long allocationId, Long jobId, String reason, String actor, Instant at) {
		append(accountId, kind, gpuSeconds, balanceDelta, heldDelta, allocationId, jobId, reason, actor, at, null);
	}

	/**
	 * As
	 * {@link #append(long, LedgerEntry.Kind, long, long, long, Long, Long, String, String, Instant)},
	 * with the caller's reference for the entry (unique per ADJUST).
	 */
	void append(long accountId, LedgerEntry.Kind kind, long gpuSeconds, long balanceDelta, long heldDelta,
			Long allocationId, Long jobId, String reason, String actor, Instant at, String reference) {
		jdbc.sql("""
				insert into gpu_ledger (account_id, kind, gpu_seconds, balance_delta, held_delta, allocation_id, job_id,
				                        reason, actor, recorded_at, reference)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(accountId, kind.name(), gpuSeconds, balanceDelta, heldDelta, allocationId, jobId, reason, actor,
					Timestamp.from(at), reference)
			.update();
		jdbc.sql("""
				update gpu_wallet set available = available + ?, held = held + ?,
				    granted_total = granted_total + ?, charged_total = charged_total + ?,
				    expired_total = expired_total + ?, adjusted_total = adjusted_total + ?
				where account_id = ?""")
			.params(balanceDelta, heldDelta, kind == LedgerEntry.Kind.GRANT ? gpuSeconds : 0,
					kind == LedgerEntry.Kind.CHARGE ? gpuSeconds : 0, kind == LedgerEntry.Kind.EXPIRE ? gpuSeconds : 0,
					kind == LedgerEntry.Kind.ADJUST ? balanceDelta : 0, accountId)
			.update();
	}

	static Balance balance(ResultSet rs, int row) throws SQLException {
		return new Balance(rs.getLong("account_id"), rs.getLong("available"), rs.getLong("held"),
				rs.getLong("granted_total"), rs.getLong("charged_total"), rs.getLong("expired_total"),
				rs.getLong("adjusted_total"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
