package kr.aifellows.portal.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalogue queries and identifier quoting that dump and restore share.
 */
final class Tables {

	private Tables() {
	}

	/** The ordinary tables of the current schema, by name. */
	static List<String> list(Connection connection) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select c.relname from pg_class c" + " join pg_namespace n on n.oid = c.relnamespace"
							+ " where n.nspname = current_schema() and c.relkind = 'r' order by c.relname")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		return tables;
	}

	/** The columns COPY can write (generated ones are computed again), in order. */
	static List<String> columns(Connection connection, String table) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("select a.attname from pg_attribute a"
				+ " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
				+ " where n.nspname = current_schema() and c.relname = ? and a.attnum > 0"
				+ " and not a.attisdropped and a.attgenerated = '' order by a.attnum")) {
			statement.setString(1, table);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					columns.add(rows.getString(1));
				}
			}
		}
		return columns;
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	static String quoted(List<String> identifiers) {
		return identifiers.stream().map(Tables::quote).collect(Collectors.joining(", "));
	}

}
