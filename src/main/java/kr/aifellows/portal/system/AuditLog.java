package kr.aifellows.portal.system;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit log of security and review events. Entries are never changed or
 * deleted; the database refuses it too.
 */
@Service
public class AuditLog implements DisposableBean {

	private final AuditEntryRepository entries;

	private final HikariDataSource writer;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	AuditLog(AuditEntryRepository entries, DataSource dataSource, Clock clock) throws SQLException {
		this.entries = entries;
		this.writer = writerPool(dataSource.unwrap(HikariDataSource.class), "audit-log");
		this.jdbc = new JdbcTemplate(writer);
		this.clock = clock;
	}

	/**
	 * Entries are written through a small pool of their own, each committed on its own
	 * connection: a failed login or a rejected request whose business transaction rolls
	 * back still leaves its trace, and a transaction that records never waits for a
	 * second connection from the pool it holds one of (under load all of them would be
	 * taken, and all would wait). Other append-only logs (the access records) use a pool
	 * made the same way.
	 * @param main the portal's pool, whose database and credentials the new pool shares
	 * @param name the new pool's name
	 * @return a pool of at most four connections, to be closed by the caller
	 */
	public static HikariDataSource writerPool(HikariDataSource main, String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(main.getJdbcUrl());
		pool.setUsername(main.getUsername());
		pool.setPassword(main.getPassword());
		pool.setDataSourceProperties(main.getDataSourceProperties());
		pool.setPoolName(name);
		pool.setMaximumPoolSize(4);
		pool.setMinimumIdle(0);
		pool.setAutoCommit(true);
		return pool;
	}

	@Override
	public void destroy() {
		writer.close();
	}

	/**
	 * Records an event at once and for good, whatever becomes of the caller's
	 * transaction.
	 * @param actor who acted (an e-mail address), or {@code null} for an anonymous
	 * visitor
	 * @param action what happened, e.g. {@code LOGIN_FAILURE}
	 * @param subject what it happened to, e.g. the account concerned
	 * @param detail free text
	 */
	public void record(String actor, String action, String subject, String detail) {
		jdbc.update("""
				insert into audit_log (occurred_at, actor, action, subject, detail, remote_address)
				values (?, ?, ?, ?, ?, ?)""", Timestamp.from(Instant.now(clock)),
				StringUtils.hasText(actor) ? actor : "anonymous", action, subject, detail, currentRemoteAddress());
	}

	@Transactional(readOnly = true)
	public Page<AuditEntryView> search(String action, String text, Pageable pageable) {
		return search(new AuditFilter(action, null, null, null, text), pageable);
	}

	@Transactional(readOnly = true)
	public Page<AuditEntryView> search(AuditFilter filter, Pageable pageable) {
		return entries
			.search(trimmed(filter.action()), like(filter.actor()), filter.fromInstant(), filter.untilInstant(),
					like(filter.text()), pageable)
			.map(AuditEntry::toView);
	}

	/** The actions the log holds, for the filter's choices. */
	@Transactional(readOnly = true)
	public List<String> actions() {
		return entries.findActions();
	}

	private static String trimmed(String value) {
		return StringUtils.hasText(value) ? value.trim() : "";
	}

	private static String like(String value) {
		return StringUtils.hasText(value) ? "%" + value.trim().toLowerCase(Locale.ROOT) + "%" : "";
	}

	private static String currentRemoteAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getRemoteAddr() : null;
	}

	/**
	 * One audit entry as shown to administrators.
	 */
	public record AuditEntryView(long id, Instant occurredAt, String actor, String action, String subject,
			String detail, String remoteAddress) {

		/**
		 * The address as people write it: IPv6 with its longest run of zero groups folded
		 * ("::1").
		 */
		public String shownAddress() {
			String[] groups = remoteAddress == null ? new String[0] : remoteAddress.split(":", -1);
			if (groups.length != 8 || !remoteAddress.matches("[0-9a-fA-F:]+")) {
				return remoteAddress;
			}
			int bestStart = -1;
			int bestLength = 1;
			for (int start = 0; start < 8; start++) {
				int length = 0;
				while (start + length < 8 && Integer.parseInt(groups[start + length], 16) == 0) {
					length++;
				}
				if (length > bestLength) {
					bestStart = start;
					bestLength = length;
				}
			}
			List<String> shown = Arrays.stream(groups)
				.map(group -> Integer.toHexString(Integer.parseInt(group, 16)))
				.toList();
			if (bestStart < 0) {
				return String.join(":", shown);
			}
			return String.join(":", shown.subList(0, bestStart)) + "::"
					+ String.join(":", shown.subList(bestStart + bestLength, 8));
		}
	}

	/**
	 * What the administrator filters the log by; blank or null parts do not filter.
	 *
	 * @param from the first day (Korea time) shown
	 * @param to the last day (Korea time) shown
	 */
	public record AuditFilter(String action, String actor, LocalDate from, LocalDate to, String text) {

		private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

		Instant fromInstant() {
			return from == null ? Instant.EPOCH : from.atStartOfDay(SEOUL).toInstant();
		}

		Instant untilInstant() {
			return to == null ? Instant.parse("9999-01-01T00:00:00Z") : to.plusDays(1).atStartOfDay(SEOUL).toInstant();
		}
	}

}
