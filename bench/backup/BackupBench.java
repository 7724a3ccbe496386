import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Backup and restore time for APPLICATIONS submitted applications, each with a CV file of
 * FILE_KB kilobytes (distinct content), on the embedded PostgreSQL (fsync on): seeds the
 * portal's schema with SQL, runs the portal's BackupWriter into a fresh folder, then its
 * BackupRestorer into a second, empty database and file store. Usage: java ...
 * BackupBench.java [applications] [fileKb]
 */
public class BackupBench {

	public static void main(String[] args) throws Exception {
		int applications = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int fileKb = args.length > 1 ? Integer.parseInt(args[1]) : 64;
		Path work = Files.createTempDirectory("backup-bench");
		EmbeddedPostgres postgres = embedded(work.resolve("pg"));
		try (HikariDataSource source = pool(postgres, "postgres")) {
			Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
			long seedStart = System.nanoTime();
			seed(new JdbcTemplate(source), applications, fileKb, work.resolve("files"));
			System.out.printf("seeded %,d applications with %d KB files in %.1f s%n", applications, fileKb,
					seconds(seedStart));

			Class<?> writerType = Class.forName("kr.aifellows.portal.backup.BackupWriter");
			Class<?> progressType = Class.forName("kr.aifellows.portal.backup.BackupWriter$Progress");
			Constructor<?> writerConstructor = writerType.getDeclaredConstructor(DataSource.class, Path.class,
					progressType);
			writerConstructor.setAccessible(true);
			var noneField = progressType.getField("NONE");
			noneField.setAccessible(true);
			Object none = noneField.get(null);
			Object writer = writerConstructor.newInstance(source, work.resolve("files"), none);
			Method write = writerType.getDeclaredMethod("write", Path.class, Instant.class);
			write.setAccessible(true);
			long backupStart = System.nanoTime();
			Path backup = (Path) write.invoke(writer, work.resolve("backups"), Instant.now());
			double backupSeconds = seconds(backupStart);
			System.out.printf("backup: %.1f s, %,d MB in %s%n", backupSeconds, size(backup) / (1024 * 1024), backup);

			new JdbcTemplate(source).execute("create database restored");
			try (HikariDataSource target = pool(postgres, "restored")) {
				Flyway flyway = Flyway.configure().dataSource(target).locations("classpath:db/migration").load();
				Class<?> restorerType = Class.forName("kr.aifellows.portal.backup.BackupRestorer");
				Constructor<?> restorerConstructor = restorerType.getDeclaredConstructor(Path.class);
				restorerConstructor.setAccessible(true);
				Object restorer = restorerConstructor.newInstance(work.resolve("restored-files"));
				Method restore = restorerType.getDeclaredMethod("restore", Path.class, Flyway.class);
				restore.setAccessible(true);
				long restoreStart = System.nanoTime();
				restore.invoke(restorer, backup, flyway);
				flyway.migrate();
				double restoreSeconds = seconds(restoreStart);
				long restored = new JdbcTemplate(target)
					.queryForObject("select count(*) from applications where receipt_number is not null", Long.class);
				System.out.printf("restore: %.1f s (verify every file, migrate, COPY, files), %,d applications%n",
						restoreSeconds, restored);
			}
		}
		finally {
			postgres.close();
			delete(work);
		}
	}

	private static void seed(JdbcTemplate jdbc, int applications, int fileKb, Path files) throws Exception {
		jdbc.update("""
				insert into calls (title_ko, title_en, description_ko, description_en, opens_at, closes_at, slots,
				    gpu_hour_envelope, reviews_per_application, blind_review)
				values ('백업 벤치 공고', 'Backup bench call', '설명', 'Description', now() - interval '10 days',
				    now() + interval '10 days', 100, 1000000, 3, true)""");
		jdbc.update("""
				insert into accounts (email, display_name, password_hash, email_verified, created_at)
				select 'backup' || g || '@bench.aifellows.kr', '지원자 ' || g, '{noop}x', true, now()
				from generate_series(1, ?) g""", applications);
		jdbc.update("""
				insert into applications (call_id, applicant_account_id, applicant_email, status, name_ko,
				    name_romanized, proposal_title, proposal_abstract, proposal_body, requested_gpu_hours,
				    gpu_justification, receipt_number, created_at, updated_at, submitted_at)
				select (select min(id) from calls), a.id, a.email, 'SUBMITTED', '지원자 ' || a.id, 'Applicant ' || a.id,
				    '연구 제안 ' || a.id, repeat('요약 ', 40), repeat('연구 계획 본문. ', 200), 1000, 'H100 64장',
				    'AIF-BENCH-' || lpad(a.id::text, 6, '0'), now(), now(), now()
				from accounts a where a.email like 'backup%@bench.aifellows.kr'""");
		Random random = new Random(42);
		byte[] content = new byte[fileKb * 1024];
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		var ids = jdbc.queryForList("select id from applications order by id", Long.class);
		for (long id : ids) {
			random.nextBytes(content);
			String hash = HexFormat.of().formatHex(digest.digest(content));
			Path file = files.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
			Files.createDirectories(file.getParent());
			Files.write(file, content);
			jdbc.update("""
					insert into application_files (application_id, kind, file_name, media_type, size_bytes, sha256,
					    extracted_text, uploaded_at, extraction_state)
					values (?, 'CV', 'cv.pdf', 'application/pdf', ?, ?, ?, now(), 'DONE')""", id, content.length, hash,
					"Curriculum vitae " + id + " " + "text ".repeat(200));
		}
	}

	private static EmbeddedPostgres embedded(Path data) throws Exception {
		// The portal's own start-up, which also runs the server as root in a user
		// namespace.
		Class<?> server = Class.forName("kr.aifellows.portal.system.database.EmbeddedPostgresServer");
		Method acquire = server.getDeclaredMethod("acquire", Path.class, boolean.class, int.class);
		acquire.setAccessible(true);
		return (EmbeddedPostgres) acquire.invoke(null, data, false, 0);
	}

	private static HikariDataSource pool(EmbeddedPostgres postgres, String database) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(4);
		return pool;
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static long size(Path folder) throws Exception {
		try (Stream<Path> all = Files.walk(folder)) {
			return all.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
		}
	}

	private static void delete(Path folder) throws Exception {
		try (Stream<Path> all = Files.walk(folder)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
