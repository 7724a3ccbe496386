package kr.aifellows.portal.backup;

import java.time.Instant;

/**
 * Published once the portal that restored a backup at start-up is ready: what the backup
 * does not hold (the search index) is to be rebuilt from the database now.
 *
 * @param backup the backup's folder name
 * @param created when its snapshot was taken
 * @param rows the rows restored
 * @param files the store files restored
 */
public record BackupRestored(String backup, Instant created, long rows, int files) {
}
