package kr.aifellows.portal.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import kr.aifellows.portal.system.AuditLog;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The access records (개인정보 접속기록): every view, change, export, download or deletion of an
 * applicant's personal data by a chair, reviewer or administrator, with who, when, from
 * which address, whose data, what and (for exports and downloads) why. Entries are
 * hash-chained in the shared database, so all instances write one chain and
 * {@link #verify()} finds any entry changed, removed or slipped in.
 */
@Service
public class AccessRecords implements DisposableBean {

	/** The advisory lock that orders writers of the chain, on every instance. */
	private static final long CHAIN_LOCK = 0x6163636573735f72L;

	private static final int MAX_REASON = 500;

	private final HikariDataSource writer;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AccessRecords(DataSource dataSource, Clock clock) throws SQLException {
		this.writer = AuditLog.writerPool(dataSource.unwrap(HikariDataSource.class), "access-records");
		this.jdbc = new JdbcTemplate(writer);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(writer));
		this.clock = clock;
	}

	@Override
	public void destroy() {
		writer.close();
	}

	/**
	 * Records one handling of one applicant's data, at once and whatever becomes of the
	 * caller's transaction.
	 * @param actor who (the e-mail address of the signed-in account)
	 * @param applicantAccountId whose data, or {@code null} for data of many applicants
	 * (see {@code target})
	 * @param action what was done
	 * @param target what was handled, e.g. {@code application:42} or {@code file:7}
	 * @param reason why; required (not blank) for exports and downloads
	 * @throws AccessReasonRequiredException for an export or download without a reason;
	 * nothing is recorded
	 */
	public void record(String actor, Long applicantAccountId, AccessAction action, String target, String reason) {
		String why = StringUtils.hasText(reason) ? truncate(reason.strip()) : null;
		if (action.needsReason() && why == null) {
			throw new AccessReasonRequiredException(reason != null);
		}
		String address = currentRemoteAddress();
		transactions.executeWithoutResult(status -> {
			jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
			String previous = lastHash();
			long id = jdbc.queryForObject("select nextval('access_records_seq')", Long.class);
			Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
			String hash = AccessRecordHash.of(id, now, actor, address, applicantAccountId, action.name(), target, why,
					previous);
			jdbc.update("""
					insert into access_records (id, occurred_at, actor, remote_address, applicant_account_id, action,
					                            target, reason, prev_hash, hash)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, Timestamp.from(now), actor, address,
					applicantAccountId, action.name(), target, why, previous, hash);
		});
	}

	/**
	 * Checks the whole chain from its anchor.
	 * @return the outcome, with the first broken entry if any
	 */
	public Verification verify() {
		Map<String, Object> anchor = jdbc.queryForList("select last_id, last_hash from access_records_anchor")
			.stream()
			.findFirst()
			.orElse(Map.of("last_id", 0L, "last_hash", AccessRecordHash.GENESIS));
		long[] checked = { 0 };
		Long[] broken = { null };
		String[] previous = { ((String) anchor.get("last_hash")).trim() };
		jdbc.query(connection -> {
			var statement = connection.prepareStatement("""
					select id, occurred_at, actor, remote_address, applicant_account_id, action, target, reason,
					       prev_hash, hash
					from access_records where id > ? order by id""");
			statement.setLong(1, ((Number) anchor.get("last_id")).longValue());
			statement.setFetchSize(1000);
			return statement;
		}, (ResultSet row) -> {
			if (broken[0] != null) {
				return;
			}
			long id = row.getLong("id");
			String stored = row.getString("hash");
			String expected = AccessRecordHash.of(id, row.getTimestamp("occurred_at").toInstant(),
					row.getString("actor"), row.getString("remote_address"),
					(Long) row.getObject("applicant_account_id", Long.class), row.getString("action"),
					row.getString("target"), row.getString("reason"), previous[0]);
			if (!previous[0].equals(row.getString("prev_hash")) || !expected.equals(stored)) {
				broken[0] = id;
				return;
			}
			previous[0] = stored;
			checked[0]++;
		});
		return new Verification(broken[0] == null, checked[0], broken[0]);
	}

	/**
	 * Removes the entries older than the retention period (never less than a year),
	 * moving the chain's anchor to the last one removed so that what is left still
	 * verifies.
	 * @return how many entries were removed
	 */
	public int removeOlderThan(Instant cutoff) {
		Integer removed = transactions.execute(status -> {
			jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
			// Only a prefix of the chain can go: up to the first entry that is still to
			// be kept.
			List<Map<String, Object>> last = jdbc.queryForList(
					"""
							select id, hash from access_records
							where id < coalesce((select min(id) from access_records where occurred_at >= ?), 9223372036854775807)
							order by id desc limit 1""",
					Timestamp.from(cutoff));
			if (last.isEmpty()) {
				return 0;
			}
			long lastId = ((Number) last.get(0).get("id")).longValue();
			jdbc.execute("set local portal.access_records_prune = 'on'");
			int count = jdbc.update("delete from access_records where id <= ?", lastId);
			jdbc.update("""
					insert into access_records_anchor (singleton, last_id, last_hash) values (true, ?, ?)
					on conflict (singleton) do update set last_id = excluded.last_id, last_hash = excluded.last_hash""",
					lastId, last.get(0).get("hash"));
			return count;
		});
		return removed == null ? 0 : removed;
	}

	/**
	 * The entries of a period, newest first, optionally for one actor (part of the
	 * address) or one applicant.
	 */
	public List<AccessRecordView> search(Instant from, Instant until, String actor, Long applicantAccountId,
			int limit) {
		String actorFilter = StringUtils.hasText(actor) ? "%" + actor.strip().toLowerCase() + "%" : "%";
		return jdbc.query("""
				select id, occurred_at, actor, remote_address, applicant_account_id, action, target, reason
				from access_records
				where occurred_at >= ? and occurred_at < ? and lower(actor) like ?
				  and (cast(? as bigint) is null or applicant_account_id = ?)
				order by id desc limit ?""", (row, n) -> new AccessRecordView(row.getLong("id"),
				row.getTimestamp("occurred_at").toInstant(), row.getString("actor"), row.getString("remote_address"),
				row.getObject("applicant_account_id", Long.class), AccessAction.valueOf(row.getString("action")),
				row.getString("target"), row.getString("reason")), Timestamp.from(from), Timestamp.from(until),
				actorFilter, applicantAccountId, applicantAccountId, limit);
	}

	private String lastHash() {
		List<String> last = jdbc.queryForList("select hash from access_records order by id desc limit 1", String.class);
		if (!last.isEmpty()) {
			return last.get(0).trim();
		}
		return jdbc.queryForList("select last_hash from access_records_anchor", String.class)
			.stream()
			.findFirst()
			.map(String::trim)
			.orElse(AccessRecordHash.GENESIS);
	}

	private static String truncate(String reason) {
		return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
	}

	private static String currentRemoteAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getRemoteAddr() : null;
	}

	/**
	 * One access record as the privacy officer and the applicant concerned see it.
	 */
	public record AccessRecordView(long id, Instant occurredAt, String actor, String remoteAddress,
			Long applicantAccountId, AccessAction action, String target, String reason) {
	}

	/**
	 * The outcome of checking the chain.
	 *
	 * @param intact whether every entry is as it was written
	 * @param checked how many entries were checked before the end or the first broken one
	 * @param firstBrokenId the first entry that was changed or does not follow its
	 * predecessor, or {@code null}
	 */
	public record Verification(boolean intact, long checked, Long firstBrokenId) {
	}

}
