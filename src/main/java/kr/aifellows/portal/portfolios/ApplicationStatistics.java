package kr.aifellows.portal.portfolios;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications counted for the chair's dashboard, every call at once: how many stand in
 * each status, and when they were submitted, hour by hour.
 */
@Service
public class ApplicationStatistics {

	private static final String COUNTS_BY_STATUS = """
			select call_id, status, count(*) as n
			from applications
			group by call_id, status
			""";

	private static final String SUBMISSIONS_PER_HOUR = """
			select call_id, date_trunc('hour', submitted_at) as hour, count(*) as n
			from applications
			where submitted_at is not null
			group by call_id, date_trunc('hour', submitted_at)
			order by call_id, hour
			""";

	private final JdbcClient jdbc;

	ApplicationStatistics(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Per call, how many applications stand in each status (statuses without any left
	 * out).
	 */
	@Transactional(readOnly = true)
	public Map<Long, Map<ApplicationStatus, Long>> countsByCall() {
		Map<Long, Map<ApplicationStatus, Long>> counts = new HashMap<>();
		jdbc.sql(COUNTS_BY_STATUS)
			.query((rs, row) -> counts
				.computeIfAbsent(rs.getLong("call_id"), id -> new EnumMap<>(ApplicationStatus.class))
				.put(ApplicationStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
		return counts;
	}

	/**
	 * Per call, the hours in which applications were submitted, oldest first, with how
	 * many (withdrawn ones included: they were submitted then).
	 */
	@Transactional(readOnly = true)
	public Map<Long, List<HourCount>> submissionsPerHour() {
		Map<Long, List<HourCount>> hours = new HashMap<>();
		jdbc.sql(SUBMISSIONS_PER_HOUR)
			.query((rs, row) -> hours.computeIfAbsent(rs.getLong("call_id"), id -> new ArrayList<>())
				.add(new HourCount(rs.getTimestamp("hour").toInstant(), rs.getLong("n"))))
			.list();
		return hours;
	}

	/** Submissions in the hour that starts at {@code hour}. */
	public record HourCount(Instant hour, long count) {
	}

}
