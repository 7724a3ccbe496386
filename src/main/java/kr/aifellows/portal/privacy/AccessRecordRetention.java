package kr.aifellows.portal.privacy;

import java.time.Clock;
import java.time.ZoneOffset;

import kr.aifellows.portal.system.AuditLog;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes access records once their retention period is over, once a day on one instance.
 */
@Component
class AccessRecordRetention {

	private final AccessRecords records;

	private final PrivacyProperties properties;

	private final AuditLog auditLog;

	private final Clock clock;

	AccessRecordRetention(AccessRecords records, PrivacyProperties properties, AuditLog auditLog, Clock clock) {
		this.records = records;
		this.properties = properties;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Scheduled(cron = "${portal.privacy.retention-cron:0 30 3 * * *}", zone = "Asia/Seoul")
	@SchedulerLock(name = "access-record-retention", lockAtMostFor = "PT30M")
	void removeExpired() {
		var cutoff = clock.instant().atOffset(ZoneOffset.UTC).minusYears(properties.accessRecordRetentionYears());
		int removed = records.removeOlderThan(cutoff.toInstant());
		if (removed > 0) {
			// The destruction record says what and how many, never whose.
			auditLog.record("system", "ACCESS_RECORDS_DESTROYED", "access_records", removed + " entries older than "
					+ cutoff.toLocalDate() + " (retention " + properties.accessRecordRetentionYears() + " years)");
		}
	}

}
