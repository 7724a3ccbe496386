package kr.aifellows.portal.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The restore at start-up, run in Flyway's place before anything uses the database: with
 * {@code portal.backup.restore-from} set, the backup is loaded into the empty database,
 * then the remaining migrations run as on every start; once the portal is ready,
 * {@link BackupRestored} says so.
 */
@Component
class PortalRestore {

	private static final Logger log = LoggerFactory.getLogger(PortalRestore.class);

	private final BackupProperties properties;

	private final Path filesRoot;

	private final ApplicationEventPublisher events;

	private volatile BackupRestored restored;

	PortalRestore(BackupProperties properties, @Value("${portal.files.directory:data/files}") Path filesRoot,
			ApplicationEventPublisher events) {
		this.properties = properties;
		this.filesRoot = filesRoot;
		this.events = events;
	}

	void migrate(Flyway flyway) {
		Path backup = properties.restoreFrom();
		if (backup == null) {
			flyway.migrate();
			return;
		}
		try {
			BackupRestorer restorer = new BackupRestorer(filesRoot);
			log.info("Restoring the portal from {}", backup.toAbsolutePath());
			BackupManifest manifest = restorer.restore(backup, flyway);
			flyway.migrate();
			if (manifest != null) {
				restorer.recorded(flyway.getConfiguration().getDataSource(), backup, manifest);
				restored = new BackupRestored(backup.getFileName().toString(), manifest.created(), manifest.rowCount(),
						manifest.files().size());
			}
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("Could not restore from " + backup, ex);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		BackupRestored done = restored;
		if (done != null) {
			restored = null;
			events.publishEvent(done);
		}
	}

}
