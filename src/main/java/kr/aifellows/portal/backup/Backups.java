package kr.aifellows.portal.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kr.aifellows.portal.privacy.PrivacyProperties;
import kr.aifellows.portal.system.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The portal's backups in {@code portal.backup.directory}: writes one (database and file
 * store together, see {@link BackupWriter}), lists the complete ones and removes those
 * past the count to keep or older than the privacy settings' shortest retention period,
 * so that destroyed data is gone from every backup within that period.
 */
@Service
public class Backups {

	private static final Logger log = LoggerFactory.getLogger(Backups.class);

	/** The advisory lock's key: "backup" in ASCII. */
	private static final long LOCK = 0x6261636b7570L;

	private static final String TAKE_LOCK = "select pg_advisory_lock(?)";

	private static final String RELEASE_LOCK = "select pg_advisory_unlock(?)";

	private final DataSource dataSource;

	private final BackupProperties properties;

	private final PrivacyProperties privacy;

	private final AuditLog auditLog;

	private final Clock clock;

	private final Path filesRoot;

	Backups(DataSource dataSource, BackupProperties properties, PrivacyProperties privacy, AuditLog auditLog,
			Clock clock, @Value("${portal.files.directory:data/files}") Path filesRoot) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.privacy = privacy;
		this.auditLog = auditLog;
		this.clock = clock;
		this.filesRoot = filesRoot;
	}

	/**
	 * The last backup's age for Prometheus, so that a stalled schedule raises an alert.
	 */
	@Autowired(required = false)
	void registerMetrics(MeterRegistry registry) {
		Gauge
			.builder("portal.backup.age", this,
					backups -> backups.latest()
						.map(latest -> (double) latest.age(backups.clock.instant()).toSeconds())
						.orElse(Double.NaN))
			.baseUnit("seconds")
			.description("Age of the newest complete backup")
			.register(registry);
	}

	/**
	 * Writes a backup now and removes those no longer kept. One backup is written at a
	 * time across every instance: a second caller waits for the first.
	 */
	public Backup backUp() {
		return underLock(this::write);
	}

	/**
	 * The scheduled backup: written unless a complete one is younger than {@code recent},
	 * so that instances whose schedules fire together write one backup, not one each.
	 */
	public Optional<Backup> backUpUnlessOneIsYoungerThan(Duration recent) {
		return underLock(() -> {
			Optional<Backup> latest = latest();
			if (latest.isPresent() && latest.get().age(clock.instant()).compareTo(recent) < 0) {
				return Optional.empty();
			}
			return Optional.of(write());
		});
	}

	/**
	 * Holds a session-level advisory lock on a connection of its own while the backup is
	 * written. Unlike a lock row, it cannot outlive its holder: when the instance dies,
	 * PostgreSQL ends the session and the next backup goes ahead at once.
	 */
	private synchronized <T> T underLock(Supplier<T> work) {
		try (Connection lock = dataSource.getConnection()) {
			try (PreparedStatement take = lock.prepareStatement(TAKE_LOCK)) {
				take.setLong(1, LOCK);
				take.execute();
			}
			try {
				return work.get();
			}
			finally {
				try (PreparedStatement release = lock.prepareStatement(RELEASE_LOCK)) {
					release.setLong(1, LOCK);
					release.execute();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The backup's lock could not be taken or released", ex);
		}
	}

	private Backup write() {
		long started = System.nanoTime();
		try {
			Path folder = new BackupWriter(dataSource, filesRoot, BackupWriter.Progress.NONE)
				.write(properties.directory(), clock.instant());
			Backup backup = Backup.of(folder, BackupManifest.read(folder));
			long millis = (System.nanoTime() - started) / 1_000_000;
			log.info("Backup {} written: {} rows, {} files, {} bytes in {} ms", backup.name(), backup.rows(),
					backup.files(), backup.sizeBytes(), millis);
			auditLog.record("system", "BACKUP_WRITTEN", "backup:" + backup.name(), backup.rows() + " rows, "
					+ backup.files() + " files, " + backup.sizeBytes() + " bytes, " + millis + " ms");
			removeExpired();
			return backup;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The backup into " + properties.directory() + " failed", ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The backup's database dump failed", ex);
		}
	}

	/** The complete backups, newest first; partial ones are never listed. */
	public List<Backup> list() {
		Path directory = properties.directory();
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<Backup> backups = new ArrayList<>();
		try (Stream<Path> entries = Files.list(directory)) {
			for (Path folder : entries.filter(BackupFolders::isComplete).toList()) {
				try {
					backups.add(Backup.of(folder, BackupManifest.read(folder)));
				}
				catch (IOException ex) {
					log.warn("Skipping {}: its manifest cannot be read ({})", folder, ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		backups.sort(Comparator.comparing(Backup::created).reversed());
		return backups;
	}

	public Optional<Backup> latest() {
		return list().stream().findFirst();
	}

	/** How long a backup is kept at most: the shortest retention period. */
	public int maximumAgeYears() {
		return privacy.shortestRetentionYears();
	}

	public int keep() {
		return properties.keep();
	}

	/** Removes backups beyond the count to keep and those older than the maximum age. */
	void removeExpired() throws IOException {
		Instant oldest = clock.instant().atOffset(ZoneOffset.UTC).minusYears(maximumAgeYears()).toInstant();
		List<Backup> backups = list();
		for (int i = 0; i < backups.size(); i++) {
			Backup backup = backups.get(i);
			if (i >= properties.keep() || backup.created().isBefore(oldest)) {
				BackupFolders.delete(backup.folder());
				auditLog.record("system", "BACKUP_REMOVED", "backup:" + backup.name(),
						i >= properties.keep() ? "more than " + properties.keep() + " backups"
								: "older than " + maximumAgeYears() + " years (the shortest retention period)");
			}
		}
	}

	/**
	 * One complete backup.
	 */
	public record Backup(String name, Path folder, Instant created, String schemaVersion, long rows, int files,
			long sizeBytes) {

		static Backup of(Path folder, BackupManifest manifest) {
			return new Backup(folder.getFileName().toString(), folder, manifest.created(), manifest.schemaVersion(),
					manifest.rowCount(), manifest.files().size(), manifest.sizeBytes());
		}

		public Duration age(Instant now) {
			return Duration.between(created, now);
		}
	}

}
