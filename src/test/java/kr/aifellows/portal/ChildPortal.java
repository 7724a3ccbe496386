package kr.aifellows.portal;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real portal in a child JVM, as it is run in production: its main class with the
 * build's classes and libraries (not the tests'), on a database and with settings the
 * test chooses.
 */
public final class ChildPortal implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path logFile;

	private final int port;

	private ChildPortal(String name, Process process, Path logFile, int port) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
		this.port = port;
	}

	/**
	 * Starts a portal with the demo profile on {@code 127.0.0.1:port}; its output goes to
	 * {@code logs/name.log}.
	 */
	public static ChildPortal start(String name, Path logs, int port, String databaseUrl, List<String> settings)
			throws IOException {
		String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String classPath = Arrays.stream(testClassPath.split(File.pathSeparator))
			.filter(entry -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
						"-XX:TieredStopAtLevel=1", "-cp", classPath, PortalApplication.class.getName(),
						"--spring.profiles.active=demo", "--server.port=" + port, "--server.address=127.0.0.1",
						"--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres"));
		command.addAll(settings);
		Path logFile = logs.resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logFile.toFile())
			.start();
		return new ChildPortal(name, process, logFile, port);
	}

	public int port() {
		return port;
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** Waits until the portal answers its readiness probe. */
	public ChildPortal awaitReady() {
		HttpClient client = HttpClient.newHttpClient();
		await("portal " + name + " ready (see " + logFile + ")", Duration.ofSeconds(180), () -> {
			assertThat(process.isAlive()).as("portal %s runs (see %s)", name, logFile).isTrue();
			return answers(client, "http://127.0.0.1:" + port + "/actuator/health/readiness");
		});
		return this;
	}

	/** SIGKILL: the process ends at once, as in a crash. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	public static boolean answers(HttpClient client, String url) {
		try {
			return client
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Polls the condition every 250 ms until it holds, failing after the timeout. */
	public static void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("%s within %s", what, timeout).isLessThan(deadline);
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** The JDBC URL of another database on the test JVM's PostgreSQL server. */
	public static String databaseUrl(DataSource testDataSource, String database) throws SQLException {
		String url = testDataSource.unwrap(HikariDataSource.class).getJdbcUrl();
		Matcher server = Pattern.compile("^(jdbc:postgresql://[^/]+/)[^?]*").matcher(url);
		assertThat(server.find()).as("the test database's URL %s", url).isTrue();
		return server.group(1) + database;
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
