package kr.aifellows.portal.fellows;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import kr.aifellows.portal.gpu.GpuRecords;
import kr.aifellows.portal.portfolios.ApplicantErasure;
import kr.aifellows.portal.privacy.PrivacyProperties;
import kr.aifellows.portal.system.AuditLog;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Destroys a fellow's records once their last grant ended longer ago than
 * {@code portal.privacy.fellow-record-retention-years} (which the privacy policy states):
 * the selected application (as at the end of any application's retention), the names and
 * scripts of their GPU jobs, and the reasons they gave for more hours. The ledger's
 * amounts and dates stay. Once a day on one instance; the destruction record says how
 * many fellows and under which rule, never who.
 */
@Component
class FellowRecordRetention {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	private static final String NOT_YET_DESTROYED = """
			select count(*) = 0 from fellow_record_destructions where account_id = :account""";

	private static final String CLEAR_TOP_UP_REASONS = """
			update fellow_top_up set justification = '', email = 'destroyed-' || account_id || '@invalid',
			       decision_reason = null
			where account_id = :account""";

	private static final String MARK_DESTROYED = """
			insert into fellow_record_destructions (account_id, destroyed_at) values (:account, :now)""";

	private final GpuRecords gpuRecords;

	private final ApplicantErasure applications;

	private final JobTemplates templates;

	private final PrivacyProperties properties;

	private final AuditLog auditLog;

	private final JdbcClient jdbc;

	private final Clock clock;

	FellowRecordRetention(GpuRecords gpuRecords, ApplicantErasure applications, JobTemplates templates,
			PrivacyProperties properties, AuditLog auditLog, DataSource dataSource, Clock clock) {
		this.gpuRecords = gpuRecords;
		this.applications = applications;
		this.templates = templates;
		this.properties = properties;
		this.auditLog = auditLog;
		this.jdbc = JdbcClient.create(dataSource);
		this.clock = clock;
	}

	@Scheduled(cron = "${portal.privacy.retention-cron:0 30 3 * * *}", zone = "Asia/Seoul")
	@SchedulerLock(name = "fellow-record-retention", lockAtMostFor = "PT1H")
	void destroyExpired() {
		destroyExpired(clock.instant());
	}

	/**
	 * @return how many fellows' records were destroyed
	 */
	int destroyExpired(Instant now) {
		int years = properties.fellowRecordRetentionYears();
		LocalDate cutoff = now.atZone(SEOUL).toLocalDate().minusYears(years);
		List<Long> expired = gpuRecords.accountsWhoseGrantsAllEndedBefore(cutoff.atStartOfDay(SEOUL).toInstant());
		int destroyed = 0;
		for (long account : expired) {
			if (jdbc.sql(NOT_YET_DESTROYED).param("account", account).query(Boolean.class).single()) {
				applications.destroySelected(account);
				gpuRecords.destroyJobRecords(account);
				jdbc.sql(CLEAR_TOP_UP_REASONS).param("account", account).update();
				templates.deleteAll(account);
				jdbc.sql(MARK_DESTROYED).param("account", account).param("now", Timestamp.from(now)).update();
				destroyed++;
			}
		}
		if (destroyed > 0) {
			auditLog.record("system", "FELLOW_RECORDS_DESTROYED", "fellows",
					destroyed + " fellows whose last grant ended before " + cutoff + " (retention " + years
							+ " years): selected applications, job names and scripts, job templates, top-up reasons");
		}
		return destroyed;
	}

}
