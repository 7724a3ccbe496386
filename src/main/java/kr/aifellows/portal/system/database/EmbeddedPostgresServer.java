package kr.aifellows.portal.system.database;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per JVM, started from the zonky binaries.
 * <p>
 * PostgreSQL refuses to run as root, and CI and these machines run as root: in that case
 * the server binaries are wrapped so that they run in a user namespace that maps root to
 * an unprivileged uid. The files stay owned by the invoking user, so {@code ./data}
 * remains an ordinary folder.
 */
final class EmbeddedPostgresServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final List<String> WRAPPED_BINARIES = List.of("initdb", "pg_ctl", "postgres");

	private static EmbeddedPostgres running;

	private static Path runningDataDirectory;

	private static int users;

	private static boolean shutdownHookRegistered;

	private EmbeddedPostgresServer() {
	}

	/**
	 * Starts the server, or joins the running one; every call must be matched by a
	 * {@link #release()} once its user has closed its connections.
	 */
	static synchronized EmbeddedPostgres acquire(Path dataDirectory, boolean clean, int port) {
		EmbeddedPostgres postgres = start(dataDirectory, clean, port);
		users++;
		return postgres;
	}

	/**
	 * Stops the server when its last user is done. Stopping it from zonky's own shutdown
	 * hook instead would race the Spring contexts that still need it while they close.
	 */
	static synchronized void release() {
		users--;
		if (users <= 0 && running != null) {
			stop();
		}
		EmbeddedPostgresServer.class.notifyAll();
	}

	private static void stop() {
		try {
			running.close();
		}
		catch (IOException ex) {
			log.warn("Could not stop the embedded PostgreSQL cleanly", ex);
		}
		running = null;
		runningDataDirectory = null;
	}

	private static EmbeddedPostgres start(Path dataDirectory, boolean clean, int port) {
		Path normalized = dataDirectory.toAbsolutePath().normalize();
		if (running != null) {
			if (!normalized.equals(runningDataDirectory)) {
				throw new IllegalStateException("An embedded PostgreSQL already runs on " + runningDataDirectory
						+ "; this JVM cannot start a second one on " + normalized);
			}
			return running;
		}
		registerShutdownHook();
		try {
			Files.createDirectories(normalized.getParent());
			Path workingDirectory = Path.of(System.getProperty("java.io.tmpdir"), "aifellows-embedded-pg");
			Files.createDirectories(workingDirectory);
			if (isRoot()) {
				wrapBinariesForRoot(workingDirectory.toFile());
			}
			long started = System.nanoTime();
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
			if (port > 0) {
				builder.setPort(port);
			}
			running = builder.setOverrideWorkingDirectory(workingDirectory.toFile())
				.setDataDirectory(normalized)
				.setCleanDataDirectory(clean)
				.setPGStartupWait(Duration.ofSeconds(30))
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "200")
				// Zonky's defaults favour test speed; a kept database must not lose an
				// acknowledged commit.
				.setServerConfig("fsync", clean ? "off" : "on")
				.setServerConfig("synchronous_commit", clean ? "off" : "on")
				.setLocaleConfig("locale", "C.UTF-8")
				.setLocaleConfig("encoding", "UTF-8")
				.start();
			runningDataDirectory = normalized;
			log.info("Embedded PostgreSQL on port {} with data in {} (started in {} ms)", running.getPort(), normalized,
					Duration.ofNanos(System.nanoTime() - started).toMillis());
			return running;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL with data in " + normalized, ex);
		}
	}

	/**
	 * The last resort when the JVM exits with users still open: give them a moment to
	 * close, then stop the server so no postmaster outlives the JVM.
	 */
	private static void registerShutdownHook() {
		if (shutdownHookRegistered) {
			return;
		}
		shutdownHookRegistered = true;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			synchronized (EmbeddedPostgresServer.class) {
				long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				while (running != null && users > 0 && System.nanoTime() < deadline) {
					try {
						EmbeddedPostgresServer.class.wait(200);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						break;
					}
				}
				if (running != null) {
					stop();
				}
			}
		}, "embedded-postgres-shutdown"));
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * Extracts the binaries where zonky will look for them, then moves each server binary
	 * to {@code NAME.real} and puts a script in its place that enters a user namespace
	 * first.
	 */
	private static void wrapBinariesForRoot(File workingDirectory) throws IOException {
		File pgDirectory = extractBinaries(workingDirectory);
		Path bin = pgDirectory.toPath().resolve("bin");
		for (String name : WRAPPED_BINARIES) {
			Path binary = bin.resolve(name);
			Path real = bin.resolve(name + ".real");
			if (Files.exists(real)) {
				continue;
			}
			Files.move(binary, real);
			Files.writeString(binary, """
					#!/bin/sh
					# PostgreSQL refuses to run as root: map root to an unprivileged uid in a user namespace.
					if [ "$(id -u)" = 0 ]; then
					  exec unshare --user --map-user=1000 --map-group=1000 "$0.real" "$@"
					fi
					exec "$0.real" "$@"
					""");
			Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	private static File extractBinaries(File workingDirectory) throws IOException {
		try {
			Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
					File.class);
			prepare.setAccessible(true);
			return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, workingDirectory);
		}
		catch (ReflectiveOperationException ex) {
			throw new IOException("This version of embedded-postgres no longer offers prepareBinaries", ex);
		}
	}

}
