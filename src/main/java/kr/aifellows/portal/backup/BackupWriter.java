package kr.aifellows.portal.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one backup: a logical dump of every table in one snapshot, then the file store's
 * files that snapshot references.
 * <p>
 * Why a logical dump over JDBC, not {@code pg_backup_start} with the data directory
 * copied: zonky's binaries carry no {@code pg_dump}, and a physical copy is only
 * consistent together with the WAL written during the copy, must be taken with the same
 * major version and cannot be restored onto an external server. A {@code REPEATABLE READ,
 * READ ONLY} transaction sees one snapshot across all its {@code COPY ... TO STDOUT}
 * statements, works on any PostgreSQL (embedded or not) and lets the restore run Flyway
 * to the same schema version first, so the dump holds only rows.
 * <p>
 * The files are copied after the snapshot: the store is content-addressed and files are
 * stored before the rows that name them commit, so every hash the snapshot references is
 * in the store by then (unless the retention job destroyed it since, which the manifest
 * then leaves out). Everything goes into a hidden {@code .partial-} folder that is
 * renamed into place once its manifest is written: a backup killed half-way is never
 * listed and the next run removes it.
 */
final class BackupWriter {

	static final String PARTIAL_PREFIX = ".partial-";

	/**
	 * Tables the restore recreates itself (Flyway) or that hold nothing to keep: locks,
	 * and HTTP sessions, which should not come back to life from a backup.
	 */
	static final List<String> SKIPPED_TABLES = List.of("flyway_schema_history", "shedlock", "spring_session",
			"spring_session_attributes");

	private final DataSource dataSource;

	private final Path filesRoot;

	private final Progress progress;

	BackupWriter(DataSource dataSource, Path filesRoot, Progress progress) {
		this.dataSource = dataSource;
		this.filesRoot = filesRoot.toAbsolutePath().normalize();
		this.progress = progress;
	}

	/**
	 * Writes a backup into {@code directory} and returns its folder; removes partial
	 * folders that earlier runs left (the caller makes sure no other run is writing).
	 */
	Path write(Path directory, Instant now) throws IOException, SQLException {
		Files.createDirectories(directory);
		removePartials(directory);
		String name = BackupFolders.name(now);
		Path partial = directory.resolve(PARTIAL_PREFIX + name);
		Files.createDirectories(partial.resolve("database"));
		Snapshot snapshot = dump(partial);
		Map<String, Long> files = copyFiles(snapshot.referencedFiles(), partial.resolve("files"));
		long size;
		try (Stream<Path> all = Files.walk(partial)) {
			size = all.filter(Files::isRegularFile).mapToLong(BackupWriter::sizeOf).sum();
		}
		new BackupManifest(now, snapshot.schemaVersion(), snapshot.tables(), snapshot.sequences(), files, size)
			.write(partial);
		Path complete = directory.resolve(name);
		Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
		return complete;
	}

	static void removePartials(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			for (Path entry : entries.filter(path -> path.getFileName().toString().startsWith(PARTIAL_PREFIX))
				.toList()) {
				BackupFolders.delete(entry);
			}
		}
	}

	private Snapshot dump(Path folder) throws SQLException, IOException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set transaction isolation level repeatable read, read only");
			}
			String version = schemaVersion(connection);
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			List<BackupManifest.Table> tables = new ArrayList<>();
			for (String table : Tables.list(connection)) {
				if (SKIPPED_TABLES.contains(table)) {
					continue;
				}
				List<String> columns = Tables.columns(connection, table);
				Path file = folder.resolve("database").resolve(table + ".copy");
				try (Sha256 out = new Sha256(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
					long rows = copy
						.copyOut("copy " + Tables.quote(table) + " (" + Tables.quoted(columns) + ") to stdout", out);
					out.flush();
					tables.add(new BackupManifest.Table(table, columns, rows, out.hex()));
				}
				progress.tableDumped(table);
			}
			Snapshot snapshot = new Snapshot(version, tables, sequences(connection), referencedFiles(connection));
			connection.commit();
			return snapshot;
		}
	}

	private static String schemaVersion(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("select version from flyway_schema_history"
						+ " where success and version is not null order by installed_rank desc limit 1")) {
			if (!row.next()) {
				throw new SQLException("The database has no Flyway schema history: nothing to back up");
			}
			return row.getString(1);
		}
	}

	private static Map<String, Long> sequences(Connection connection) throws SQLException {
		Map<String, Long> sequences = new TreeMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select sequencename, last_value from pg_sequences"
						+ " where schemaname = current_schema() and last_value is not null")) {
			while (rows.next()) {
				sequences.put(rows.getString(1), rows.getLong(2));
			}
		}
		return sequences;
	}

	/**
	 * Every content hash the snapshot holds, in whichever table: the store's files are
	 * named by their SHA-256, kept in columns named {@code sha256}.
	 */
	private static TreeSet<String> referencedFiles(Connection connection) throws SQLException {
		TreeSet<String> hashes = new TreeSet<>();
		List<String> tables = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("select table_name from"
				+ " information_schema.columns where table_schema = current_schema() and column_name = 'sha256'");
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		for (String table : tables) {
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(
							"select distinct sha256 from " + Tables.quote(table) + " where sha256 is not null")) {
				while (rows.next()) {
					hashes.add(rows.getString(1).trim());
				}
			}
		}
		return hashes;
	}

	private Map<String, Long> copyFiles(TreeSet<String> hashes, Path target) throws IOException {
		Map<String, Long> copied = new TreeMap<>();
		for (String hash : hashes) {
			if (!hash.matches("[0-9a-f]{64}")) {
				continue;
			}
			Path source = BackupFolders.storePath(filesRoot, hash);
			if (!Files.isRegularFile(source)) {
				// Destroyed by the retention job after the snapshot was taken.
				continue;
			}
			String written = Sha256.copy(source, BackupFolders.storePath(target, hash));
			if (!written.equals(hash)) {
				throw new IOException(
						"The stored file " + source + " does not match its SHA-256: the store is damaged");
			}
			copied.put(hash, Files.size(source));
			progress.fileCopied(hash);
		}
		return copied;
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private record Snapshot(String schemaVersion, List<BackupManifest.Table> tables, Map<String, Long> sequences,
			TreeSet<String> referencedFiles) {
	}

	/**
	 * Told of each step, for logging (and for a test that kills a backup half-way).
	 */
	interface Progress {

		Progress NONE = new Progress() {
		};

		default void tableDumped(String table) {
		}

		default void fileCopied(String sha256) {
		}

	}

}
