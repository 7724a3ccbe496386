package kr.aifellows.portal.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The restore runs in Flyway's place at start-up, before anything uses the database: with
 * {@code portal.backup.restore-from} set, the backup is loaded into the empty database,
 * then the remaining migrations run as on every start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
class BackupConfiguration {

	private static final Logger log = LoggerFactory.getLogger(BackupConfiguration.class);

	@Bean
	FlywayMigrationStrategy restoringMigration(BackupProperties properties,
			@Value("${portal.files.directory:data/files}") Path filesRoot) {
		return flyway -> {
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
				}
			}
			catch (IOException | SQLException ex) {
				throw new IllegalStateException("Could not restore from " + backup, ex);
			}
		};
	}

}
