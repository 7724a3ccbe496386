package kr.aifellows.portal.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a portal's database and file store from a backup that {@link BackupWriter}
 * wrote: checks every file against the manifest first, migrates an empty database to the
 * backup's schema version, loads each table with {@code COPY ... FROM STDIN} in one
 * transaction (with {@code session_replication_role = replica}, so foreign keys and
 * triggers do not care about the order), sets the sequences past the restored rows and
 * puts the files back into the store. Flyway's later migrations then run as on any start.
 */
final class BackupRestorer {

	private static final Logger log = LoggerFactory.getLogger(BackupRestorer.class);

	private final Path filesRoot;

	BackupRestorer(Path filesRoot) {
		this.filesRoot = filesRoot.toAbsolutePath().normalize();
	}

	/**
	 * Restores the backup into the database Flyway is configured for, up to the backup's
	 * schema version; the caller migrates further and then calls {@link #recorded}.
	 * @return the manifest, or null when this database is the one that backup was
	 * restored into already (a restart with the same setting)
	 * @throws IllegalStateException when the database holds anything else
	 */
	BackupManifest restore(Path backup, Flyway flyway) throws IOException, SQLException {
		BackupManifest manifest = verified(backup);
		DataSource dataSource = flyway.getConfiguration().getDataSource();
		try (Connection connection = dataSource.getConnection()) {
			List<String> existing = Tables.list(connection);
			if (!existing.isEmpty()) {
				if (existing.contains("backup_restores") && alreadyRestored(connection, backup)) {
					log.info("This database was restored from {} already; not restoring again", backup);
					return null;
				}
				throw new IllegalStateException("Refusing to restore " + backup + " into a database that is not empty ("
						+ existing.size() + " tables): start on an empty data directory or database");
			}
		}
		long started = System.nanoTime();
		Flyway.configure(getClass().getClassLoader())
			.configuration(flyway.getConfiguration())
			.target(MigrationVersion.fromVersion(manifest.schemaVersion()))
			.load()
			.migrate();
		try (Connection connection = dataSource.getConnection()) {
			load(connection, backup, manifest);
		}
		restoreFiles(backup, manifest.files());
		log.info("Restored {} ({} rows, {} files) in {} ms", backup, manifest.rowCount(), manifest.files().size(),
				(System.nanoTime() - started) / 1_000_000);
		return manifest;
	}

	/** Notes the restore in the database, so a restart with the same setting skips it. */
	void recorded(DataSource dataSource, Path backup, BackupManifest manifest) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement(
						"insert into backup_restores (backup, backup_created, restored_at) values (?, ?, now())")) {
			insert.setString(1, backup.getFileName().toString());
			insert.setObject(2, Timestamp.from(manifest.created()));
			insert.executeUpdate();
		}
	}

	/** Reads the manifest and checks every dump and store file against it. */
	static BackupManifest verified(Path backup) throws IOException {
		if (!BackupFolders.isComplete(backup)) {
			throw new IOException(backup + " is not a complete backup (no manifest, or a partial one)");
		}
		BackupManifest manifest = BackupManifest.read(backup);
		for (BackupManifest.Table table : manifest.tables()) {
			Path file = backup.resolve("database").resolve(table.fileName());
			if (!Files.isRegularFile(file) || !Sha256.of(file).equals(table.sha256())) {
				throw new IOException("The dump of table " + table.name() + " in " + backup + " is missing or damaged");
			}
		}
		for (String hash : manifest.files().keySet()) {
			Path file = BackupFolders.storePath(backup.resolve("files"), hash);
			if (!Files.isRegularFile(file) || !Sha256.of(file).equals(hash)) {
				throw new IOException("The stored file " + hash + " in " + backup + " is missing or damaged");
			}
		}
		return manifest;
	}

	private static boolean alreadyRestored(Connection connection, Path backup) throws SQLException {
		try (PreparedStatement query = connection
			.prepareStatement("select count(*) from backup_restores where backup = ?")) {
			query.setString(1, backup.getFileName().toString());
			try (var row = query.executeQuery()) {
				return row.next() && row.getLong(1) > 0;
			}
		}
	}

	private static void load(Connection connection, Path backup, BackupManifest manifest)
			throws SQLException, IOException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("set local session_replication_role = replica");
			// Migrations may have seeded rows the dump holds too.
			statement.execute("truncate table "
					+ String.join(", ", manifest.tables().stream().map(t -> Tables.quote(t.name())).toList()));
		}
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		for (BackupManifest.Table table : manifest.tables()) {
			try (InputStream in = new BufferedInputStream(
					Files.newInputStream(backup.resolve("database").resolve(table.fileName())), 1 << 16)) {
				long rows = copy.copyIn(
						"copy " + Tables.quote(table.name()) + " (" + Tables.quoted(table.columns()) + ") from stdin",
						in);
				if (rows != table.rows()) {
					throw new IOException(
							"Table " + table.name() + " took " + rows + " rows, the backup has " + table.rows());
				}
			}
		}
		try (PreparedStatement setval = connection.prepareStatement("select setval(?, ?, true)")) {
			for (Map.Entry<String, Long> sequence : manifest.sequences().entrySet()) {
				setval.setString(1, Tables.quote(sequence.getKey()));
				setval.setLong(2, sequence.getValue());
				setval.execute();
			}
		}
		connection.commit();
	}

	private void restoreFiles(Path backup, Map<String, Long> files) throws IOException {
		for (String hash : files.keySet()) {
			Path target = BackupFolders.storePath(filesRoot, hash);
			if (Files.isRegularFile(target) && Sha256.of(target).equals(hash)) {
				continue;
			}
			Path staging = target.resolveSibling(hash + ".restoring");
			Sha256.copy(BackupFolders.storePath(backup.resolve("files"), hash), staging);
			Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
	}

}
