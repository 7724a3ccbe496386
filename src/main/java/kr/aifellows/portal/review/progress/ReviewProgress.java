package kr.aifellows.portal.review.progress;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review figures of every call at once, each from one grouped query: reviews
 * submitted of those assigned, reviewers past the due date, conflicts not yet waived and
 * the GPU hours granted by decisions.
 */
@Service
public class ReviewProgress {

	private static final String REVIEWS = """
			select a.call_id, count(*) as assigned,
			       count(r.id) filter (where r.status = 'SUBMITTED') as submitted
			from review_assignments a
			left join reviews r on r.application_id = a.application_id and r.reviewer_id = a.reviewer_id
			where a.state = 'ACTIVE'
			group by a.call_id
			""";

	private static final String OVERDUE = """
			select a.call_id, v.id as reviewer_id, coalesce(v.name, v.email) as name, count(*) as open,
			       rr.due_at, (select max(m.sent_at) from review_reminders m where m.reviewer_id = v.id) as reminded_at
			from review_assignments a
			join review_rounds rr on rr.call_id = a.call_id
			join reviewers v on v.id = a.reviewer_id
			left join reviews r on r.application_id = a.application_id and r.reviewer_id = a.reviewer_id
			where a.state = 'ACTIVE' and rr.due_at < :now and rr.locked_at is null
			  and (r.status is null or r.status <> 'SUBMITTED')
			group by a.call_id, v.id, v.name, v.email, rr.due_at
			order by a.call_id, name
			""";

	private static final String OPEN_CONFLICTS = """
			select call_id, count(*) as n from review_conflicts where waived_at is null group by call_id
			""";

	private static final String GRANTED_HOURS = """
			select call_id, coalesce(sum(gpu_hours), 0) as hours
			from review_decisions where outcome = 'SELECTED' group by call_id
			""";

	private static final String ROUNDS = "select call_id, due_at, locked_at from review_rounds";

	private final JdbcClient jdbc;

	private final Clock clock;

	ReviewProgress(DataSource dataSource, Clock clock) {
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	/**
	 * The figures of every call that has any, by call id; a call without any is absent.
	 */
	@Transactional(readOnly = true)
	public Map<Long, CallReview> byCall() {
		Map<Long, Builder> calls = new HashMap<>();
		jdbc.sql(ROUNDS).query((rs, row) -> {
			Timestamp locked = rs.getTimestamp("locked_at");
			Builder call = calls.computeIfAbsent(rs.getLong("call_id"), id -> new Builder());
			call.dueAt = rs.getTimestamp("due_at").toInstant();
			call.locked = locked != null;
			return call;
		}).list();
		jdbc.sql(REVIEWS).query((rs, row) -> {
			Builder call = calls.computeIfAbsent(rs.getLong("call_id"), id -> new Builder());
			call.assigned = rs.getLong("assigned");
			call.submitted = rs.getLong("submitted");
			return call;
		}).list();
		jdbc.sql(OVERDUE).param("now", Timestamp.from(clock.instant())).query((rs, row) -> {
			Timestamp reminded = rs.getTimestamp("reminded_at");
			return calls.computeIfAbsent(rs.getLong("call_id"), id -> new Builder()).overdue
				.add(new OverdueReviewer(rs.getLong("reviewer_id"), rs.getString("name"), rs.getLong("open"),
						rs.getTimestamp("due_at").toInstant(), reminded == null ? null : reminded.toInstant()));
		}).list();
		jdbc.sql(OPEN_CONFLICTS)
			.query((rs,
					row) -> calls.computeIfAbsent(rs.getLong("call_id"), id -> new Builder()).openConflicts = rs
						.getLong("n"))
			.list();
		jdbc.sql(GRANTED_HOURS)
			.query((rs,
					row) -> calls.computeIfAbsent(rs.getLong("call_id"), id -> new Builder()).grantedHours = rs
						.getLong("hours"))
			.list();
		Map<Long, CallReview> result = new HashMap<>();
		calls.forEach((id, call) -> result.put(id, call.build()));
		return result;
	}

	/**
	 * One call's review: its due date (null before the round starts), reviews submitted
	 * of those assigned, the reviewers past the due date, conflicts not waived and GPU
	 * hours granted.
	 */
	public record CallReview(Instant dueAt, boolean locked, long assigned, long submitted,
			List<OverdueReviewer> overdue, long openConflicts, long grantedHours) {

		public static final CallReview NONE = new CallReview(null, false, 0, 0, List.of(), 0, 0);

		public CallReview {
			overdue = List.copyOf(overdue);
		}

		/** Submitted of assigned, in whole percent (0 when nothing is assigned). */
		public int percentDone() {
			return assigned == 0 ? 0 : (int) (submitted * 100 / assigned);
		}

	}

	/**
	 * A reviewer with reviews still open after the due date; {@code remindedAt} is the
	 * last reminder sent to them (null if none).
	 */
	public record OverdueReviewer(long reviewerId, String name, long openReviews, Instant dueAt, Instant remindedAt) {
	}

	private static final class Builder {

		private Instant dueAt;

		private boolean locked;

		private long assigned;

		private long submitted;

		private final List<OverdueReviewer> overdue = new ArrayList<>();

		private long openConflicts;

		private long grantedHours;

		CallReview build() {
			return new CallReview(dueAt, locked, assigned, submitted, overdue, openConflicts, grantedHours);
		}

	}

}
