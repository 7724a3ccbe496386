package kr.aifellows.portal.backup;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import kr.aifellows.portal.ChildPortal;
import kr.aifellows.portal.PortalDatabase;
import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.gpu.Balance;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJob;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.JobRequest;
import kr.aifellows.portal.portfolios.ApplicationFileView;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.privacy.PrivacyProperties;
import kr.aifellows.portal.system.AuditLog;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A backup is only as good as the restore it allows: each test backs up the portal's
 * database and file store, restores into an empty database and an empty store (what a
 * wiped data directory is), and compares.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class BackupRestoreTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	GpuJobs jobs;

	@Autowired
	DataSource dataSource;

	@Autowired
	PrivacyProperties privacy;

	@Autowired
	AuditLog auditLog;

	@Autowired
	Backups scheduledBackups;

	@Autowired
	MockMvc mvc;

	@Value("${portal.files.directory}")
	Path filesRoot;

	@Test
	void theAdminPageShowsTheLastBackupsAgeAndSize() throws Exception {
		Backups.Backup latest = scheduledBackups.backUp();

		mvc.perform(get("/admin/backups").with(user("admin@test").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("마지막 백업: 0시간 0분 전"), containsString(latest.name()))));
		mvc.perform(get("/admin").with(user("admin@test").roles("ADMIN")))
			.andExpect(content().string(containsString("/admin/backups")));
		mvc.perform(get("/actuator/prometheus").with(user("admin@test").roles("ADMIN")))
			.andExpect(content().string(containsString("portal_backup_age_seconds")));
	}

	@Test
	void aRestoreAfterARushGivesBackEveryReceiptFileJobAndLedgerBalance() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(3));
		List<ApplicationView> submitted = rush(call, 30);
		Map<Long, Balance> balances = fellowsWithLedgerEntries(5);
		Path backupDirectory = Path.of("target", "test-backups", UUID.randomUUID().toString());

		Backups.Backup backup = backups(backupDirectory).backUp();

		Path restoredFiles = Path.of("target", "test-restored-files", UUID.randomUUID().toString());
		try (PortalDatabase restored = PortalDatabase.create(dataSource, "restored");
				HikariDataSource restoredPool = pool(restored)) {
			restore(backup.folder(), restoredPool, restoredFiles);

			for (ApplicationView application : submitted) {
				assertThat(restored.jdbc()
					.sql("select receipt_number from applications where id = ?")
					.param(application.id())
					.query(String.class)
					.single()).isEqualTo(application.receiptNumber()).isNotBlank();
				for (ApplicationFileView file : application.files()) {
					assertThat(restored.jdbc()
						.sql("select sha256 from application_files where id = ?")
						.param(file.id())
						.query(String.class)
						.single()).isEqualTo(file.sha256());
					assertThat(Sha256.of(BackupFolders.storePath(restoredFiles, file.sha256())))
						.isEqualTo(file.sha256());
				}
			}
			GpuAllocations restoredLedger = new GpuAllocations(restoredPool,
					new DataSourceTransactionManager(restoredPool), Clock.systemUTC());
			balances.forEach((account, balance) -> {
				assertThat(restoredLedger.balance(account)).isEqualTo(balance);
				assertThat(restoredLedger.ledger(account)).isEqualTo(allocations.ledger(account));
			});
			assertSameRowCounts(BackupManifest.read(backup.folder()), restored);
		}
	}

	@Test
	void aBackupKilledHalfWayIsNeverListedAndTheNextOneRestores() throws Exception {
		Path backupDirectory = Path.of("target", "test-backups", UUID.randomUUID().toString());
		Process child = startKilledBackup(backupDirectory);
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			do {
				line = out.readLine();
			}
			while (line != null && !line.equals(BackupKillChild.MARKER));
			assertThat(line).as("the child reached the middle of its backup").isEqualTo(BackupKillChild.MARKER);
			child.destroyForcibly();
			assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		assertThat(partials(backupDirectory)).hasSize(1);
		Backups backups = backups(backupDirectory);
		assertThat(backups.list()).isEmpty();

		Backups.Backup next = backups.backUp();

		assertThat(partials(backupDirectory)).isEmpty();
		assertThat(backups.list()).extracting(Backups.Backup::name).containsExactly(next.name());
		try (PortalDatabase restored = PortalDatabase.create(dataSource, "restored");
				HikariDataSource restoredPool = pool(restored)) {
			restore(next.folder(), restoredPool,
					Path.of("target", "test-restored-files", UUID.randomUUID().toString()));
			assertSameRowCounts(BackupManifest.read(next.folder()), restored);
		}
	}

	private List<ApplicationView> rush(CallSummary call, int applicants) throws Exception {
		List<AccountView> accounts = new ArrayList<>();
		for (int i = 0; i < applicants; i++) {
			accounts.add(fixtures.account("rush", Role.APPLICANT));
		}
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<ApplicationView>> futures = new ArrayList<>();
			for (AccountView account : accounts) {
				futures.add(pool.submit(() -> fixtures.submitted(call.id(), account)));
			}
			List<ApplicationView> submitted = new ArrayList<>();
			for (Future<ApplicationView> future : futures) {
				submitted.add(future.get(60, TimeUnit.SECONDS));
			}
			return submitted;
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * Fellows with a grant, an adjustment and a finished job each (a hold, then the
	 * charge), so that their balances no longer move.
	 */
	private Map<Long, Balance> fellowsWithLedgerEntries(int fellows) {
		Instant now = Instant.now();
		Map<Long, Long> jobsByFellow = new HashMap<>();
		for (int i = 0; i < fellows; i++) {
			AccountView fellow = fixtures.account("ledger", Role.FELLOW);
			allocations.grant(fellow.id(), 3600L * (100 + i), now.minus(Duration.ofDays(1)),
					now.plus(Duration.ofDays(30)), "ADMIN", "backup-test-" + fellow.id(), "admin@test");
			allocations.adjust(fellow.id(), -600L * (i + 1), "usage outside the portal", "admin@test");
			jobsByFellow.put(
					fellow.id(), jobs
						.submit(new JobRequest(fellow.id(), "backup-" + i, "true", 1, 1, "local", Duration.ofMinutes(1),
								null, Map.of()))
						.id());
		}
		Map<Long, Balance> balances = new HashMap<>();
		jobsByFellow.forEach((fellow, job) -> {
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.until(() -> jobs.find(fellow, job).filter(GpuJob::settled).isPresent());
			assertThat(allocations.ledger(fellow)).hasSizeGreaterThanOrEqualTo(3);
			balances.put(fellow, allocations.balance(fellow));
		});
		return balances;
	}

	private Backups backups(Path directory) {
		return new Backups(dataSource, new BackupProperties(directory, "-", 3, false, null), privacy, auditLog,
				Clock.systemUTC(), filesRoot);
	}

	/** What a start with {@code portal.backup.restore-from} does in Flyway's place. */
	private static void restore(Path backup, DataSource target, Path files) throws Exception {
		Flyway flyway = Flyway.configure().dataSource(target).locations("classpath:db/migration").load();
		List<Object> events = new ArrayList<>();
		PortalRestore restore = new PortalRestore(new BackupProperties(Path.of("unused"), "-", 1, false, backup), files,
				events::add);
		restore.migrate(flyway);
		restore.announce();
		assertThat(events).singleElement()
			.isInstanceOfSatisfying(BackupRestored.class,
					restored -> assertThat(restored.backup()).isEqualTo(backup.getFileName().toString()));
		restore.migrate(flyway);
		restore.announce();
		assertThat(events).as("a second start with the setting restores nothing").hasSize(1);
	}

	private static void assertSameRowCounts(BackupManifest manifest, PortalDatabase restored) {
		for (BackupManifest.Table table : manifest.tables()) {
			long rows = restored.jdbc()
				.sql("select count(*) from " + Tables.quote(table.name()))
				.query(Long.class)
				.single();
			long expected = table.rows() + (table.name().equals("backup_restores") ? 1 : 0);
			assertThat(rows).as("rows of %s", table.name()).isEqualTo(expected);
		}
	}

	private static HikariDataSource pool(PortalDatabase database) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(database.url());
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(2);
		return pool;
	}

	private Process startKilledBackup(Path directory) throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String url = ChildPortal.databaseUrl(dataSource, "postgres");
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-cp", classPath, BackupKillChild.class.getName(), url, filesRoot.toString(),
				directory.toString())
			.redirectErrorStream(true)
			.start();
	}

	private static List<Path> partials(Path directory) throws Exception {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.filter(path -> path.getFileName().toString().startsWith(BackupWriter.PARTIAL_PREFIX))
				.toList();
		}
	}

}
