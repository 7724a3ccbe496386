package kr.aifellows.portal.gpu;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a fellow's retention period needs from the GPU records: whose grants have all
 * ended, and the destruction of what their jobs say about them (names, scripts, and the
 * files the launcher kept: script, work directory, logs). The ledger keeps its amounts
 * and dates: it is append-only, and it names an account number only.
 */
@Service
public class GpuRecords {

	private static final String ACCOUNTS_WHOSE_GRANTS_ALL_ENDED = """
			select account_id from gpu_allocation
			group by account_id
			having max(valid_until) < :cutoff
			order by account_id""";

	private static final String DESTROY_JOB_RECORDS = """
			update gpu_job set name = 'destroyed', script = ''
			where account_id = :account and script <> ''""";

	private static final String SETTLED_JOBS = """
			select id, external_id from gpu_job
			where account_id = :account and settled_at is not null and external_id is not null""";

	private final JdbcClient jdbc;

	private final JobLauncher launcher;

	GpuRecords(DataSource dataSource, JobLauncher launcher) {
		this.jdbc = JdbcClient.create(dataSource);
		this.launcher = launcher;
	}

	/** The accounts whose every grant ended before the cutoff. */
	@Transactional(readOnly = true)
	public List<Long> accountsWhoseGrantsAllEndedBefore(Instant cutoff) {
		return jdbc.sql(ACCOUNTS_WHOSE_GRANTS_ALL_ENDED)
			.param("cutoff", Timestamp.from(cutoff))
			.query(Long.class)
			.list();
	}

	/**
	 * Clears the names and scripts of the account's jobs and removes the files of those
	 * that are settled.
	 * @return how many jobs still had a name and script
	 */
	@Transactional
	public int destroyJobRecords(long accountId) {
		jdbc.sql(SETTLED_JOBS)
			.param("account", accountId)
			.query((row, n) -> Map.entry(row.getLong("id"), row.getString("external_id")))
			.list()
			.forEach(job -> launcher.discardFiles(job.getKey(), job.getValue()));
		return jdbc.sql(DESTROY_JOB_RECORDS).param("account", accountId).update();
	}

}
