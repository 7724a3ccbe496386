import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * REST API latency at CLIENTS concurrent clients: job submit (POST /api/v1/fellow/jobs)
 * and job list (GET /api/v1/fellow/jobs), each client a thread with its own HTTP
 * connection and its own personal access token of the demo fellow, sending its next
 * request as soon as the last was answered (closed loop). Run by run.sh against a portal
 * started on the embedded PostgreSQL with the demo profile.
 *
 * <p>
 * Preparation (not measured): waits for the demo fellow's grant, then stores CLIENTS
 * tokens (scopes READ, JOBS) in api_tokens as the token page would (SHA-256 only). Each
 * phase runs WARMUP s unmeasured, then SECONDS s measured; the figures are over every
 * answer of the measured part, and per status.
 */
public class ApiBench {

	private static final String FELLOW = "fellow@demo.aifellows.kr";

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String jdbc = args[1];
		int clients = Integer.parseInt(args[2]);
		int seconds = Integer.parseInt(args[3]);
		int warmup = Integer.parseInt(args[4]);
		List<String> tokens = tokens(jdbc, clients);
		System.out.printf("%d clients, %d tokens of %s, %d s warm-up, %d s measured per phase%n", clients,
				tokens.size(), FELLOW, warmup, seconds);
		String body = "{\"name\":\"bench\",\"script\":\"true\",\"gpusPerNode\":1,\"timeLimitMinutes\":1}";
		Phase submit = run("job submit (POST /api/v1/fellow/jobs)", tokens, warmup, seconds,
				token -> HttpRequest.newBuilder(URI.create(base + "/api/v1/fellow/jobs"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build());
		drain(jdbc);
		Phase list = run("job list (GET /api/v1/fellow/jobs)", tokens, warmup, seconds,
				token -> HttpRequest.newBuilder(URI.create(base + "/api/v1/fellow/jobs"))
					.header("Authorization", "Bearer " + token)
					.GET()
					.build());
		try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres");
				ResultSet rs = connection.createStatement()
					.executeQuery(
							"select count(*) from gpu_job j join accounts a on a.id = j.account_id where a.email = '"
									+ FELLOW + "'")) {
			rs.next();
			System.out.printf("The fellow has %d jobs after the run%n", rs.getLong(1));
		}
		System.out.println();
		System.out.println("Summary (" + clients + " concurrent clients, " + seconds + " s each)");
		System.out.println(submit.line());
		System.out.println(list.line());
		if (submit.ok() == 0 || list.ok() == 0 || submit.errors > 0 || list.errors > 0) {
			System.out.println("FAILED: a phase had no successful answer or transport errors");
			System.exit(1);
		}
	}

	/**
	 * Waits (at most 5 minutes) until the jobs just submitted have run and settled, so
	 * that the list is measured without hundreds of sandboxed jobs starting beside it.
	 */
	private static void drain(String jdbc) throws Exception {
		long started = System.nanoTime();
		long live = 0;
		try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
			for (int i = 0; i < 600; i++) {
				try (ResultSet rs = connection.createStatement()
					.executeQuery("select count(*) from gpu_job where settled_at is null")) {
					rs.next();
					live = rs.getLong(1);
				}
				if (live == 0) {
					break;
				}
				Thread.sleep(500);
			}
		}
		System.out.printf("Waited %.1f s for the submitted jobs to settle (%d still live)%n",
				(System.nanoTime() - started) / 1e9, live);
	}

	private static List<String> tokens(String jdbc, int count) throws Exception {
		SecureRandom random = new SecureRandom();
		List<String> tokens = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
			long fellow = -1;
			for (int i = 0; i < 120 && fellow < 0; i++) {
				try (ResultSet rs = connection.createStatement()
					.executeQuery(
							"select a.id from accounts a join gpu_wallet w on w.account_id = a.id where a.email = '"
									+ FELLOW + "'")) {
					if (rs.next()) {
						fellow = rs.getLong(1);
					}
					else {
						Thread.sleep(500);
					}
				}
			}
			if (fellow < 0) {
				throw new IllegalStateException("the demo fellow has no grant");
			}
			try (PreparedStatement insert = connection.prepareStatement("""
					insert into api_tokens (account_id, name, token_hash, token_prefix, scopes, created_at, expires_at)
					values (?, ?, ?, ?, 'JOBS,READ', now(), now() + interval '1 day')""")) {
				for (int i = 0; i < count; i++) {
					byte[] bytes = new byte[32];
					random.nextBytes(bytes);
					String token = "afp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
					insert.setLong(1, fellow);
					insert.setString(2, "bench " + i);
					insert.setString(3, HexFormat.of()
						.formatHex(
								MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
					insert.setString(4, token.substring(0, 8));
					insert.executeUpdate();
					tokens.add(token);
				}
			}
		}
		return tokens;
	}

	private static Phase run(String name, List<String> tokens, int warmup, int seconds,
			Function<String, HttpRequest> request) throws InterruptedException {
		Phase phase = new Phase(name);
		long start = System.nanoTime();
		long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
		long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
		List<Thread> threads = new ArrayList<>();
		for (String token : tokens) {
			threads.add(Thread.ofPlatform().start(() -> {
				HttpClient client = HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.connectTimeout(Duration.ofSeconds(10))
					.build();
				long[] latencies = new long[1 << 16];
				int n = 0;
				while (true) {
					long sent = System.nanoTime();
					if (sent >= end) {
						break;
					}
					int status;
					try {
						status = client.send(request.apply(token), HttpResponse.BodyHandlers.discarding()).statusCode();
					}
					catch (Exception ex) {
						status = -1;
					}
					long took = System.nanoTime() - sent;
					if (sent >= measureFrom) {
						if (status < 0) {
							phase.errors++;
							continue;
						}
						if (n == latencies.length) {
							latencies = Arrays.copyOf(latencies, n * 2);
						}
						latencies[n++] = took;
						phase.statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
					}
				}
				phase.add(Arrays.copyOf(latencies, n));
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		phase.seconds = seconds;
		System.out.println(phase.line());
		return phase;
	}

	static final class Phase {

		final String name;

		final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

		final List<long[]> parts = new ArrayList<>();

		volatile long errors;

		int seconds;

		Phase(String name) {
			this.name = name;
		}

		synchronized void add(long[] latencies) {
			parts.add(latencies);
		}

		long ok() {
			return statuses.entrySet()
				.stream()
				.filter(e -> e.getKey() >= 200 && e.getKey() < 300)
				.mapToLong(e -> e.getValue().get())
				.sum();
		}

		synchronized String line() {
			long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
			if (all.length == 0) {
				return String.format("%-40s no answers", name);
			}
			return String.format(
					"%-40s %7d requests %8.1f req/s  p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms  statuses %s  transport errors %d",
					name, all.length, all.length / (double) seconds, ms(all, 0.50), ms(all, 0.90), ms(all, 0.99),
					all[all.length - 1] / 1e6, new TreeMap<>(statuses), errors);
		}

		private static double ms(long[] sorted, double quantile) {
			int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
			return sorted[Math.max(0, index)] / 1e6;
		}

	}

}
