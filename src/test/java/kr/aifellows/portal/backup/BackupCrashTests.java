package kr.aifellows.portal.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import kr.aifellows.portal.ChildPortal;
import kr.aifellows.portal.PortalDatabase;
import kr.aifellows.portal.PortalHttpClient;
import kr.aifellows.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole portal, not a backup on its own, killed with SIGKILL in the middle of its
 * scheduled backup: once started again it writes the next backup on schedule, and a
 * portal started with {@code --portal.backup.restore-from} on an empty database and store
 * serves that backup's data, its search index rebuilt from it.
 */
@PortalIntegrationTest
class BackupCrashTests {

	/**
	 * Audit rows enough to keep a backup busy for a while, so that the test finds it
	 * half-way.
	 */
	private static final int BULK_ROWS = 400_000;

	/** Tables a freshly restored portal does not write to before the test reads them. */
	private static final List<String> KEPT_AS_BACKED_UP = List.of("accounts", "calls", "applications",
			"application_files", "gpu_ledger");

	@Autowired
	DataSource testDataSource;

	@Test
	void aPortalKilledDuringItsBackupBacksUpOnScheduleAgainAndTheBackupRestoresWithItsSearch(@TempDir Path dir)
			throws Exception {
		Path logs = Files.createDirectories(Path.of("target", "backup-crash"));
		Path backups = dir.resolve("backups");
		try (PortalDatabase database = PortalDatabase.create(testDataSource, "backupcrash");
				PortalDatabase empty = PortalDatabase.create(testDataSource, "restored")) {
			// The demo data first, with no backup running: a backup taken while the demo
			// seeds itself would hold none of it.
			try (ChildPortal seeding = ChildPortal.start("seeding", logs, ChildPortal.freePort(), database.url(),
					settings(dir, "portal", backups, "-"))) {
				seeding.awaitReady();
				ChildPortal.await("the demo's submitted application", Duration.ofSeconds(60),
						() -> count(database.jdbc(), "applications") > 0);
			}
			database.jdbc()
				.sql("""
						insert into audit_log (occurred_at, actor, action, subject, detail)
						select now(), 'bulk@test', 'BULK', 'row:' || n, repeat('x', 120) from generate_series(1, :rows) n""")
				.param("rows", BULK_ROWS)
				.update();
			List<String> settings = settings(dir, "portal", backups, "*/2 * * * * *");

			try (ChildPortal first = ChildPortal.start("first", logs, ChildPortal.freePort(), database.url(),
					settings)) {
				ChildPortal.await("a scheduled backup under way", Duration.ofSeconds(120),
						() -> !partials(backups).isEmpty());
				first.kill();
			}
			assertThat(partials(backups)).as("the killed backup's partial folder").hasSize(1);
			assertThat(complete(backups)).as("complete backups after the kill").isEmpty();

			try (ChildPortal second = ChildPortal.start("second", logs, ChildPortal.freePort(), database.url(),
					settings)) {
				second.awaitReady();
				ChildPortal.await("the next scheduled backup", Duration.ofSeconds(120),
						() -> !complete(backups).isEmpty());
			}
			assertThat(partials(backups)).as("the partial folder was removed").isEmpty();
			Path backup = complete(backups).get(0);
			BackupManifest manifest = BackupManifest.read(backup);

			List<String> restoring = new ArrayList<>(settings(dir, "restored", dir.resolve("unused"), "-"));
			restoring.add("--portal.backup.restore-from=" + backup);
			try (ChildPortal restored = ChildPortal
				.start("restored", logs, ChildPortal.freePort(), empty.url(), restoring)
				.awaitReady()) {
				for (BackupManifest.Table table : manifest.tables()) {
					if (KEPT_AS_BACKED_UP.contains(table.name())) {
						assertThat(count(empty.jdbc(), table.name())).as("rows of %s", table.name())
							.isEqualTo(table.rows());
					}
				}
				assertThat(count(empty.jdbc(), "audit_log")).isGreaterThan(BULK_ROWS);
				assertThat(manifest.files()).isNotEmpty();
				for (String sha256 : manifest.files().keySet()) {
					assertThat(Sha256.of(BackupFolders.storePath(dir.resolve("restored-files"), sha256)))
						.isEqualTo(sha256);
				}
				Map<String, Object> application = empty.jdbc()
					.sql("select id, call_id from applications where status = 'SUBMITTED' order by id limit 1")
					.query()
					.singleRow();
				PortalHttpClient chair = PortalHttpClient.signIn("http://127.0.0.1:" + restored.port(),
						"chair@demo.aifellows.kr");
				String search = "/chair/calls/" + application.get("call_id") + "/search?q=RLHF";
				String hit = "/chair/applications/" + application.get("id") + "\"";
				ChildPortal.await("the restored application found by search", Duration.ofSeconds(60),
						() -> page(chair, search).contains(hit));
			}
		}
	}

	private static List<String> settings(Path dir, String name, Path backups, String schedule) {
		return List.of("--portal.files.directory=" + dir.resolve(name + "-files"),
				"--portal.search.directory=" + dir.resolve(name + "-search"),
				"--portal.gpu.local.directory=" + dir.resolve(name + "-jobs"), "--portal.backup.enabled=true",
				"--portal.backup.directory=" + backups, "--portal.backup.schedule=" + schedule);
	}

	private static String page(PortalHttpClient visitor, String path) {
		try {
			return visitor.page(path);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("select count(*) from " + Tables.quote(table)).query(Long.class).single();
	}

	private static List<Path> partials(Path directory) {
		return entries(directory, true);
	}

	private static List<Path> complete(Path directory) {
		return entries(directory, false);
	}

	private static List<Path> entries(Path directory, boolean partial) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(directory)) {
			return entries
				.filter(path -> path.getFileName().toString().startsWith(BackupWriter.PARTIAL_PREFIX) == partial)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
