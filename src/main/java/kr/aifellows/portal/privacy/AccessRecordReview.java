package kr.aifellows.portal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import kr.aifellows.portal.system.AuditLog;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy officer's monthly review of the access records: what deserves a look, and
 * the mark that a month was reviewed (itself recorded in the audit log).
 */
@Service
public class AccessRecordReview {

	static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private final JdbcTemplate jdbc;

	private final PrivacyProperties properties;

	private final AuditLog auditLog;

	private final Clock clock;

	AccessRecordReview(JdbcTemplate jdbc, PrivacyProperties properties, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Exports (each takes many people's data out), access outside 07:00–22:00 on weekdays
	 * (Seoul time), and hours in which one person's records touched many applicants.
	 * Reviewers cannot open applications they are not assigned to (the portal answers
	 * 404), so such views never appear.
	 */
	@Transactional(readOnly = true)
	public List<Highlight> highlights(YearMonth month) {
		Timestamp from = Timestamp.from(start(month));
		Timestamp until = Timestamp.from(start(month.plusMonths(1)));
		List<Highlight> found = new ArrayList<>();
		found.addAll(jdbc.query("""
				select actor, occurred_at, target || coalesce(' (' || reason || ')', '') as detail from access_records
				where action = 'EXPORT' and occurred_at >= ? and occurred_at < ? order by occurred_at""",
				(row, n) -> new Highlight(Kind.EXPORT, row.getString("actor"),
						row.getTimestamp("occurred_at").toInstant(), 1, row.getString("detail")),
				from, until));
		found.addAll(jdbc.query(
				"""
						select actor, min(occurred_at) as first_at, count(*) as n from access_records
						where occurred_at >= ? and occurred_at < ?
						  and (extract(hour from occurred_at at time zone 'Asia/Seoul') < 7
						       or extract(hour from occurred_at at time zone 'Asia/Seoul') >= 22
						       or extract(isodow from occurred_at at time zone 'Asia/Seoul') >= 6)
						group by actor order by count(*) desc""", (row, n) -> new Highlight(Kind.UNUSUAL_HOURS,
						row.getString("actor"), row.getTimestamp("first_at").toInstant(), row.getLong("n"), null),
				from, until));
		found.addAll(jdbc.query("""
				select actor, date_trunc('hour', occurred_at) as hour, count(distinct applicant_account_id) as n
				from access_records
				where occurred_at >= ? and occurred_at < ? and applicant_account_id is not null
				group by actor, date_trunc('hour', occurred_at)
				having count(distinct applicant_account_id) >= ? order by n desc""",
				(row, n) -> new Highlight(Kind.MANY_APPLICANTS, row.getString("actor"),
						row.getTimestamp("hour").toInstant(), row.getLong("n"), null),
				from, until, properties.manyApplicantsPerHour()));
		return found;
	}

	@Transactional
	public void markReviewed(YearMonth month, String officer, String note) {
		String trimmed = note == null || note.isBlank() ? null : note.strip();
		jdbc.update("""
				insert into access_record_reviews (month, reviewed_by, reviewed_at, note) values (?, ?, ?, ?)
				on conflict (month) do update set reviewed_by = excluded.reviewed_by,
				  reviewed_at = excluded.reviewed_at, note = excluded.note""", month.toString(), officer,
				Timestamp.from(Instant.now(clock)),
				trimmed == null ? null : trimmed.substring(0, Math.min(trimmed.length(), 2000)));
		auditLog.record(officer, "ACCESS_RECORDS_MONTH_REVIEWED", "access_records:" + month, trimmed);
	}

	@Transactional(readOnly = true)
	public Optional<ReviewMark> reviewed(YearMonth month) {
		return jdbc
			.query("select reviewed_by, reviewed_at, note from access_record_reviews where month = ?",
					(row, n) -> new ReviewMark(row.getString("reviewed_by"),
							row.getTimestamp("reviewed_at").toInstant(), row.getString("note")),
					month.toString())
			.stream()
			.findFirst();
	}

	static Instant start(YearMonth month) {
		return month.atDay(1).atStartOfDay(SEOUL).toInstant();
	}

	/**
	 * What a highlight is about.
	 */
	public enum Kind {

		EXPORT, UNUSUAL_HOURS, MANY_APPLICANTS

	}

	/**
	 * One thing that deserves a look.
	 *
	 * @param at when (the export, the first access at an unusual hour, the hour of many
	 * applicants)
	 * @param count how many entries or applicants
	 */
	public record Highlight(Kind kind, String actor, Instant at, long count, String detail) {
	}

	/**
	 * The privacy officer's mark that a month was reviewed.
	 */
	public record ReviewMark(String reviewedBy, Instant reviewedAt, String note) {
	}

}
