package kr.aifellows.portal.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import kr.aifellows.portal.system.AuditLog;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A data subject's requests to correct or delete their personal data, each with the
 * deadline ({@code portal.privacy.request-deadline-days}, 10 days by default) by which it
 * must be answered.
 */
@Service
public class PrivacyRequests {

	private static final int MAX_TEXT = 4000;

	private static final String COLUMNS = """
			id, account_id, kind, details, requested_at, due_at, answered_at, answered_by, answer""";

	private final JdbcTemplate jdbc;

	private final PrivacyProperties properties;

	private final AuditLog auditLog;

	private final Clock clock;

	PrivacyRequests(JdbcTemplate jdbc, PrivacyProperties properties, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	public int deadlineDays() {
		return properties.requestDeadlineDays();
	}

	/**
	 * Files a request.
	 * @throws IllegalArgumentException when the details are blank
	 */
	@Transactional
	public void file(long accountId, String email, Kind kind, String details) {
		if (details == null || details.isBlank()) {
			throw new IllegalArgumentException("details are required");
		}
		Instant now = Instant.now(clock);
		jdbc.update(
				"""
						insert into privacy_requests (account_id, kind, details, requested_at, due_at) values (?, ?, ?, ?, ?)""",
				accountId, kind.name(), clip(details), Timestamp.from(now),
				Timestamp.from(now.plus(Duration.ofDays(properties.requestDeadlineDays()))));
		auditLog.record(email, "PRIVACY_REQUEST_FILED", "account:" + accountId, kind.name());
	}

	/**
	 * Answers an open request; an answered one stays as it was.
	 * @return whether a request was answered
	 */
	@Transactional
	public boolean answer(long requestId, String answeredBy, String answer) {
		return answer(requestId, null, answeredBy, answer);
	}

	@Transactional(readOnly = true)
	public Optional<RequestView> find(long requestId) {
		return jdbc.query("select " + COLUMNS + " from privacy_requests where id = ?", this::view, requestId)
			.stream()
			.findFirst();
	}

	@Transactional(readOnly = true)
	public List<RequestView> mine(long accountId) {
		return jdbc.query("select " + COLUMNS + " from privacy_requests where account_id = ? order by id desc",
				this::view, accountId);
	}

	/**
	 * Open requests, the most urgent first, then the latest answered ones.
	 */
	@Transactional(readOnly = true)
	public List<RequestView> all(int limit) {
		return jdbc.query(
				"select " + COLUMNS
						+ " from privacy_requests order by answered_at is not null, due_at, id desc limit ?",
				this::view, limit);
	}

	/**
	 * Requests of one kind, open ones (the most urgent first), then the latest answered.
	 */
	@Transactional(readOnly = true)
	public List<RequestView> all(Kind kind, int limit) {
		return jdbc.query("select " + COLUMNS
				+ " from privacy_requests where kind = ? order by answered_at is not null, due_at, id desc limit ?",
				this::view, kind.name(), limit);
	}

	/**
	 * Answers an open request of the given kind (a chair answers corrections only); any
	 * kind when {@code kind} is null.
	 * @return whether a request was answered
	 */
	@Transactional
	public boolean answer(long requestId, Kind kind, String answeredBy, String answer) {
		int changed = jdbc.update("""
				update privacy_requests set answered_at = ?, answered_by = ?, answer = ?
				where id = ? and answered_at is null and (cast(? as varchar) is null or kind = ?)""",
				Timestamp.from(Instant.now(clock)), answeredBy, clip(answer == null ? "" : answer), requestId,
				kind == null ? null : kind.name(), kind == null ? null : kind.name());
		if (changed > 0) {
			auditLog.record(answeredBy, "PRIVACY_REQUEST_ANSWERED", "privacy_request:" + requestId, null);
		}
		return changed > 0;
	}

	private RequestView view(ResultSet row, int n) throws SQLException {
		Timestamp answered = row.getTimestamp("answered_at");
		Instant due = row.getTimestamp("due_at").toInstant();
		return new RequestView(row.getLong("id"), row.getLong("account_id"), Kind.valueOf(row.getString("kind")),
				row.getString("details"), row.getTimestamp("requested_at").toInstant(), due,
				answered == null ? null : answered.toInstant(), row.getString("answered_by"), row.getString("answer"),
				answered == null && Instant.now(clock).isAfter(due));
	}

	private static String clip(String text) {
		String stripped = text.strip();
		return stripped.length() <= MAX_TEXT ? stripped : stripped.substring(0, MAX_TEXT);
	}

	/**
	 * What is asked for.
	 */
	public enum Kind {

		CORRECTION, DELETION

	}

	/**
	 * One request as its author and the privacy officer see it.
	 *
	 * @param overdue open past its deadline
	 */
	public record RequestView(long id, long accountId, Kind kind, String details, Instant requestedAt, Instant dueAt,
			Instant answeredAt, String answeredBy, String answer, boolean overdue) {
	}

}
