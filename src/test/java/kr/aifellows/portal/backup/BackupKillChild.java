package kr.aifellows.portal.backup;

import java.nio.file.Path;
import java.time.Instant;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A backup in a JVM of its own that stops in the middle (after its first table) and says
 * so on standard output, for {@link BackupRestoreTests} to kill it there with SIGKILL.
 */
final class BackupKillChild {

	static final String MARKER = "BACKUP-HALF-WAY";

	private BackupKillChild() {
	}

	public static void main(String[] args) throws Exception {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(args[0]);
		dataSource.setUser("postgres");
		new BackupWriter(dataSource, Path.of(args[1]), new BackupWriter.Progress() {
			@Override
			public void tableDumped(String table) {
				System.out.println(MARKER);
				System.out.flush();
				try {
					Thread.sleep(120_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}).write(Path.of(args[2]), Instant.now());
	}

}
