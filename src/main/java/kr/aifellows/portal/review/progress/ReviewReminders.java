package kr.aifellows.portal.review.progress;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import javax.sql.DataSource;

import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.ReviewException;
import kr.aifellows.portal.system.AuditLog;
import kr.aifellows.portal.system.MailOutbox;
import kr.aifellows.portal.system.MailProperties;
import kr.aifellows.portal.system.OutgoingMail;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminds a reviewer whose reviews of a call are overdue, by mail through the outbox: at
 * most once per reviewer per Korean calendar day, counted in PostgreSQL so that a second
 * press, a second chair or a second instance sends nothing more.
 */
@Service
public class ReviewReminders {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static final String OVERDUE_REVIEWER = """
			select v.email, count(*) as open, rr.due_at
			from review_assignments a
			join review_rounds rr on rr.call_id = a.call_id
			join reviewers v on v.id = a.reviewer_id
			left join reviews r on r.application_id = a.application_id and r.reviewer_id = a.reviewer_id
			where a.call_id = :call and a.reviewer_id = :reviewer and a.state = 'ACTIVE'
			  and rr.due_at < :now and rr.locked_at is null
			  and (r.status is null or r.status <> 'SUBMITTED')
			group by v.email, rr.due_at
			""";

	private static final String RECORD = """
			insert into review_reminders (reviewer_id, sent_on, call_id, sent_by, sent_at)
			values (:reviewer, :day, :call, :chair, :now)
			on conflict (reviewer_id, sent_on) do nothing
			""";

	private final JdbcClient jdbc;

	private final CallCatalog calls;

	private final MailOutbox mail;

	private final MailProperties mailProperties;

	private final MessageSource messages;

	private final AuditLog audit;

	private final Clock clock;

	ReviewReminders(DataSource dataSource, CallCatalog calls, MailOutbox mail, MailProperties mailProperties,
			MessageSource messages, AuditLog audit, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.calls = calls;
		this.mail = mail;
		this.mailProperties = mailProperties;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Sends the reminder unless one went to this reviewer today.
	 * @return whether a mail was sent
	 * @throws ReviewException {@code reminder.notOverdue} when the reviewer has no
	 * overdue review in the call, {@link ReviewException#NOT_FOUND} for an unknown call
	 */
	@Transactional
	public boolean remind(long callId, long reviewerId, String chairEmail) {
		CallSummary call = calls.find(callId).orElseThrow(() -> new ReviewException(ReviewException.NOT_FOUND));
		Instant now = clock.instant();
		Overdue overdue = jdbc.sql(OVERDUE_REVIEWER)
			.param("call", callId)
			.param("reviewer", reviewerId)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Overdue(rs.getString("email"), rs.getLong("open"),
					rs.getTimestamp("due_at").toInstant()))
			.optional()
			.orElseThrow(() -> new ReviewException("reminder.notOverdue"));
		int recorded = jdbc.sql(RECORD)
			.param("reviewer", reviewerId)
			.param("day", Date.valueOf(LocalDate.ofInstant(now, SEOUL)))
			.param("call", callId)
			.param("chair", chairEmail)
			.param("now", Timestamp.from(now))
			.update();
		if (recorded == 0) {
			return false;
		}
		mail.send(reminderMail(call, overdue));
		audit.record(chairEmail, "REVIEW_REMINDED", "call:" + callId + " reviewer:" + reviewerId,
				overdue.open() + " open");
		return true;
	}

	private OutgoingMail reminderMail(CallSummary call, Overdue overdue) {
		String due = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SEOUL).format(overdue.dueAt()) + " KST";
		String link = mailProperties.baseUrl() + "/reviewer";
		String korean = messages.getMessage("mail.reminder.body",
				new Object[] { call.title(Locale.KOREAN), overdue.open(), due, link }, Locale.KOREAN);
		String english = messages.getMessage("mail.reminder.body",
				new Object[] { call.title(Locale.ENGLISH), overdue.open(), due, link }, Locale.ENGLISH);
		return new OutgoingMail(overdue.email(),
				messages.getMessage("mail.reminder.subject", new Object[] { call.title(Locale.KOREAN) }, Locale.KOREAN),
				korean + "\n\n" + english);
	}

	private record Overdue(String email, long open, Instant dueAt) {
	}

}
