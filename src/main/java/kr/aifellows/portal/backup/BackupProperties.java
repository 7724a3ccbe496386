package kr.aifellows.portal.backup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the backups ({@code portal.backup.*}).
 *
 * @param directory where complete backups are kept, one folder each
 * @param schedule when the scheduled backup runs (cron, Asia/Seoul); {@code -} for never
 * @param keep how many backups are kept at most (at least 1); older ones are removed, as
 * are those older than the privacy settings' shortest retention period
 * @param enabled whether the scheduled backup runs; by default only with the embedded
 * database (an external PostgreSQL is backed up by its operators)
 * @param restoreFrom a backup folder to restore into an empty database before the portal
 * starts; a start with it on the database it already restored skips the restore
 */
@ConfigurationProperties("portal.backup")
public record BackupProperties(@DefaultValue("data/backups") Path directory,
		@DefaultValue("0 0 4 * * *") String schedule, @DefaultValue("14") int keep, Boolean enabled, Path restoreFrom) {

	public BackupProperties {
		if (keep < 1) {
			throw new IllegalArgumentException("portal.backup.keep must be at least 1, was " + keep);
		}
	}
}
