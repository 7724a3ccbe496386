package kr.aifellows.portal.backup;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The scheduled backup, on one instance across the cluster. On by default only with the
 * embedded database: an external PostgreSQL is backed up by its operators.
 */
@Component
class BackupSchedule {

	private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

	private final Backups backups;

	private final boolean enabled;

	BackupSchedule(Backups backups, BackupProperties properties, Environment environment) {
		this.backups = backups;
		this.enabled = properties.enabled() != null ? properties.enabled()
				: !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
	}

	@Scheduled(cron = "${portal.backup.schedule:0 0 4 * * *}", zone = "Asia/Seoul")
	@SchedulerLock(name = "portal-backup", lockAtMostFor = "PT6H", lockAtLeastFor = "PT1M")
	void backUp() {
		if (!enabled) {
			return;
		}
		try {
			backups.backUp();
		}
		catch (RuntimeException ex) {
			// The next run tries again; the admin page shows the last good backup's age.
			log.error("The scheduled backup failed", ex);
		}
	}

}
