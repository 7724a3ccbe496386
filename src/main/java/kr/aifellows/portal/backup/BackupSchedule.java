package kr.aifellows.portal.backup;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The scheduled backup, written once across the cluster. On by default only with the
 * embedded database: an external PostgreSQL is backed up by its operators.
 */
@Component
class BackupSchedule {

	private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

	/** Schedules on several instances fire within this of each other. */
	private static final Duration SAME_RUN = Duration.ofMinutes(1);

	private final Backups backups;

	private final boolean enabled;

	BackupSchedule(Backups backups, BackupProperties properties, Environment environment) {
		this.backups = backups;
		this.enabled = properties.enabled() != null ? properties.enabled()
				: !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
	}

	// No ShedLock here: a lock row left by an instance killed during its backup would
	// hold
	// off every backup until it expired; Backups takes a lock that dies with its holder.
	@Scheduled(cron = "${portal.backup.schedule:0 0 4 * * *}", zone = "Asia/Seoul")
	void backUp() {
		if (!enabled) {
			return;
		}
		try {
			backups.backUpUnlessOneIsYoungerThan(SAME_RUN);
		}
		catch (RuntimeException ex) {
			// The next run tries again; the admin page shows the last good backup's age.
			log.error("The scheduled backup failed", ex);
		}
	}

}
