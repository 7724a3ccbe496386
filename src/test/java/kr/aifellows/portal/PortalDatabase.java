package kr.aifellows.portal;

import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database of its own on the test JVM's PostgreSQL server, for portals started in child
 * JVMs: it outlives them, the test reads it through {@link #jdbc()}, and {@link #close()}
 * drops it.
 */
public final class PortalDatabase implements AutoCloseable {

	private final DataSource server;

	private final String name;

	private final String url;

	private final HikariDataSource pool;

	private PortalDatabase(DataSource server, String name, String url) {
		this.server = server;
		this.name = name;
		this.url = url;
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(url);
		this.pool.setUsername("postgres");
		this.pool.setMaximumPoolSize(2);
	}

	/** A new, empty database named after {@code prefix}. */
	public static PortalDatabase create(DataSource testDataSource, String prefix) throws SQLException {
		String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		JdbcClient.create(testDataSource).sql("create database " + name).update();
		return new PortalDatabase(testDataSource, name, ChildPortal.databaseUrl(testDataSource, name));
	}

	public String url() {
		return url;
	}

	public JdbcClient jdbc() {
		return JdbcClient.create(pool);
	}

	@Override
	public void close() {
		pool.close();
		JdbcClient.create(server).sql("drop database if exists " + name + " with (force)").update();
	}

}
