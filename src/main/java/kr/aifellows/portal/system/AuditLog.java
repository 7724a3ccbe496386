package kr.aifellows.portal.system;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

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
	 * connection: a failed login or a rejected request whose business transaction rolls back
	 * still leaves its trace, and a transaction that records never waits for a second connection
	 * from the pool it holds one of (under load all of them would be taken, and all would wait).
	 * Other append-only logs (the access records) use a pool made the same way.
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
	 * Records an event at once and for good, whatever becomes of the caller's transaction.
	 * @param actor who acted (an e-mail address), or {@code null} for an anonymous visitor
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
		String actionFilter = StringUtils.hasText(action) ? action.trim() : "";
		String textFilter = StringUtils.hasText(text) ? "%" + text.trim().toLowerCase() + "%" : "";
		return entries.search(actionFilter, textFilter, pageable).map(AuditEntry::toView);
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
	}
}
