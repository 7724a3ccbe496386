package kr.aifellows.portal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.search.elasticsearch.TestAnalysisPlugin;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.PortalTestNode;
import org.elasticsearch.transport.netty4.Netty4Plugin;
import org.slf4j.LoggerFactory;

/**
 * One real Elasticsearch 9 node per test JVM, on a free loopback port, started on first
 * use (about 8 s) and stopped when the JVM exits. Fails loudly when it cannot start.
 */
public final class ElasticsearchTestNode {

	private static String uri;

	private ElasticsearchTestNode() {
	}

	public static synchronized String uri() {
		if (uri == null) {
			uri = start();
		}
		return uri;
	}

	private static String start() {
		try {
			// one home per JVM, so parallel test runs and the benchmark do not lock each
			// other out
			Path home = Files
				.createDirectories(
						Path.of("target", "elasticsearch-node", Long.toString(ProcessHandle.current().pid())))
				.toAbsolutePath();
			deleteContents(home.resolve("data"));
			Path natives = Files.createDirectories(home.resolve("native"));
			linkZstd(natives);
			System.setProperty("es.nativelibs.path", natives.toString());
			System.setProperty("org.elasticsearch.nativeaccess.enableVectorLibrary", "false");
			quietLogging();
			LogConfigurator.configureESLogging();
			Settings settings = Settings.builder()
				.put("path.home", home.toString())
				.put("path.data", home.resolve("data").toString())
				.put("cluster.name", "portal-tests")
				.put("node.name", "portal-test-node")
				.put("network.host", "127.0.0.1")
				.put("http.port", "19200-19299")
				.put("transport.port", "19300-19399")
				.put("discovery.type", "single-node")
				.put("cluster.routing.allocation.disk.threshold_enabled", false)
				.build();
			Node node = new PortalTestNode(
					InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "portal-test-node"),
					List.of(Netty4Plugin.class, TestAnalysisPlugin.class));
			node.start();
			int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					node.close();
					deleteContents(home);
				}
				catch (IOException | UncheckedIOException ignored) {
					// the JVM is going away
				}
			}, "elasticsearch-test-node-stop"));
			return "http://127.0.0.1:" + port;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the Elasticsearch test node", ex);
		}
	}

	private static void quietLogging() {
		if (LoggerFactory.getLogger("org.elasticsearch") instanceof ch.qos.logback.classic.Logger logger) {
			logger.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	/** Elasticsearch's native access looks for libzstd.so; Debian ships libzstd.so.1. */
	private static void linkZstd(Path natives) throws IOException {
		Path link = natives.resolve("libzstd.so");
		if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		for (String candidate : List.of("/usr/lib/x86_64-linux-gnu/libzstd.so.1", "/lib/x86_64-linux-gnu/libzstd.so.1",
				"/usr/lib64/libzstd.so.1", "/usr/lib/aarch64-linux-gnu/libzstd.so.1")) {
			if (Files.exists(Path.of(candidate))) {
				Files.createSymbolicLink(link, Path.of(candidate));
				return;
			}
		}
	}

	private static void deleteContents(Path folder) {
		if (!Files.exists(folder)) {
			return;
		}
		try (var files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
