package kr.aifellows.portal.backup;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What one backup holds, written last into its folder ({@value #FILE_NAME}): a folder
 * without it, or with one that does not match its files, is no backup.
 *
 * @param created when the database snapshot was taken
 * @param schemaVersion the Flyway version of the schema the tables were dumped from
 * @param tables every table, in dump order, with its columns, row count and dump file
 * hash
 * @param sequences each sequence's last value at the snapshot (or later: never less)
 * @param files the file store's files the snapshot references, by SHA-256, with their
 * sizes
 * @param sizeBytes the bytes of all dump and store files together
 */
record BackupManifest(Instant created, String schemaVersion, List<Table> tables, Map<String, Long> sequences,
		Map<String, Long> files, long sizeBytes) {

	static final String FILE_NAME = "manifest.properties";

	static final int FORMAT = 1;

	long rowCount() {
		return tables.stream().mapToLong(Table::rows).sum();
	}

	void write(Path folder) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("format", Integer.toString(FORMAT));
		properties.setProperty("created", created.toString());
		properties.setProperty("schema-version", schemaVersion);
		properties.setProperty("size-bytes", Long.toString(sizeBytes));
		properties.setProperty("tables", String.join(",", tables.stream().map(Table::name).toList()));
		for (Table table : tables) {
			properties.setProperty("table." + table.name() + ".columns", String.join(",", table.columns()));
			properties.setProperty("table." + table.name() + ".rows", Long.toString(table.rows()));
			properties.setProperty("table." + table.name() + ".sha256", table.sha256());
		}
		sequences.forEach((name, value) -> properties.setProperty("sequence." + name, Long.toString(value)));
		properties.setProperty("files", Integer.toString(files.size()));
		files.forEach((hash, size) -> properties.setProperty("file." + hash, Long.toString(size)));
		Path file = folder.resolve(FILE_NAME);
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			properties.store(writer, "AI Fellowship Portal backup");
		}
	}

	static BackupManifest read(Path folder) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(folder.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		if (!Integer.toString(FORMAT).equals(properties.getProperty("format"))) {
			throw new IOException("Not a backup manifest of format " + FORMAT + ": " + folder);
		}
		List<Table> tables = new ArrayList<>();
		for (String name : properties.getProperty("tables", "").split(",")) {
			if (!name.isEmpty()) {
				tables.add(new Table(name, Arrays.asList(required(properties, "table." + name + ".columns").split(",")),
						Long.parseLong(required(properties, "table." + name + ".rows")),
						required(properties, "table." + name + ".sha256")));
			}
		}
		Map<String, Long> sequences = new TreeMap<>();
		Map<String, Long> files = new TreeMap<>();
		for (String key : properties.stringPropertyNames()) {
			if (key.startsWith("sequence.")) {
				sequences.put(key.substring("sequence.".length()), Long.parseLong(properties.getProperty(key)));
			}
			else if (key.startsWith("file.")) {
				files.put(key.substring("file.".length()), Long.parseLong(properties.getProperty(key)));
			}
		}
		if (files.size() != Integer.parseInt(required(properties, "files"))) {
			throw new IOException("The manifest of " + folder + " lists fewer files than it counts");
		}
		return new BackupManifest(Instant.parse(required(properties, "created")),
				required(properties, "schema-version"), tables, new LinkedHashMap<>(sequences), files,
				Long.parseLong(required(properties, "size-bytes")));
	}

	private static String required(Properties properties, String key) throws IOException {
		String value = properties.getProperty(key);
		if (value == null) {
			throw new IOException("The backup manifest lacks " + key);
		}
		return value;
	}

	/**
	 * One table's dump: its rows in COPY text format in {@code database/NAME.copy}.
	 */
	record Table(String name, List<String> columns, long rows, String sha256) {

		String fileName() {
			return name + ".copy";
		}
	}

}
