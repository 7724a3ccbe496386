import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deadline rush: many applicants finish their applications in the last minutes before
 * a call closes. Run by run.sh against a portal started on the embedded PostgreSQL with
 * the demo profile.
 *
 * <p>
 * Preparation (not measured): seeds the applicant accounts in the database (verified,
 * with the demo accounts' password hash), then each applicant logs in, opens the demo
 * call and saves a complete profile and proposal as a draft. The rush (measured): every
 * applicant, from its own session, uploads a distinct 1 MB PDF as CV, opens the submit
 * summary and submits. Afterwards the database is checked: every applicant's application
 * must be SUBMITTED with a receipt and a receipt mail, otherwise it counts as lost.
 *
 * <p>
 * Usage: java -cp postgresql.jar DeadlineRush.java BASE_URL JDBC_URL APPLICANTS
 * CONCURRENCY
 */
public class DeadlineRush {

	static final String PASSWORD = "demo-national-team-2026";

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	static final Pattern CALL = Pattern.compile("/applicant/calls/(\\d+)/apply");

	static final Pattern RECEIPT = Pattern.compile("AIF-\\d{4}-\\d+-\\d+");

	static final Pattern APPLICATION = Pattern.compile("/applicant/applications/(\\d+)");

	static final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	static String base;

	public static void main(String[] args) throws Exception {
		base = args[0];
		String jdbcUrl = args[1];
		int applicants = Integer.parseInt(args[2]);
		int concurrency = Integer.parseInt(args[3]);

		long seedStart = System.nanoTime();
		seedAccounts(jdbcUrl, applicants);
		System.out.printf("seeded %d applicant accounts in %.1f s%n", applicants,
				seconds(System.nanoTime() - seedStart));

		List<Session> sessions = new ArrayList<>();
		for (int i = 1; i <= applicants; i++) {
			sessions.add(new Session(i));
		}

		long prepStart = System.nanoTime();
		Phase prepare = run("prepare", sessions, concurrency, Session::prepare);
		System.out.printf("prepared %d drafts (login, profile, proposal) in %.1f s, %d failed%n", prepare.succeeded(),
				seconds(System.nanoTime() - prepStart), prepare.failures.size());
		prepare.failures.stream().limit(5).forEach(f -> System.out.println("  " + f));

		List<Session> ready = sessions.stream().filter(s -> s.applicationId > 0).toList();
		Phase rush = run("rush", ready, concurrency, Session::submit);
		double wall = seconds(rush.wallNanos);
		System.out.println();
		System.out.printf("deadline rush: %d applicants, %d concurrent sessions, 1 MB PDF each%n", ready.size(),
				concurrency);
		System.out.printf("  completed submissions: %d in %.1f s = %.1f submissions/s (%.1f MB/s uploaded)%n",
				rush.succeeded(), wall, rush.succeeded() / wall,
				(double) rush.succeeded() * Session.PDF_SIZE / 1e6 / wall);
		System.out.printf(
				"  whole submission (upload + summary + submit + receipt page): p50 %d ms, p99 %d ms, max %d ms%n",
				rush.percentile(0.50), rush.percentile(0.99), rush.percentile(1.0));
		for (Map.Entry<String, List<Long>> step : rush.steps.entrySet()) {
			long[] sorted = step.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf("  %-8s p50 %d ms, p99 %d ms%n", step.getKey(), percentile(sorted, 0.5),
					percentile(sorted, 0.99));
		}
		System.out.printf("  failed requests: %d%n", rush.failures.size());
		rush.failures.stream().limit(5).forEach(f -> System.out.println("    " + f));
		verify(jdbcUrl, ready);
	}

	static void seedAccounts(String jdbcUrl, int applicants) throws Exception {
		try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			statement.executeUpdate(
					"""
							insert into accounts (email, display_name, password_hash, email_verified, created_at)
							select 'rush' || g || '@bench.aifellows.kr', '지원자 ' || g,
							       (select password_hash from accounts where email = 'applicant1@demo.aifellows.kr'), true, now()
							from generate_series(1, %d) g
							on conflict do nothing"""
						.formatted(applicants));
			statement.executeUpdate("""
					insert into account_roles (account_id, role)
					select id, 'APPLICANT' from accounts where email like 'rush%@bench.aifellows.kr'
					on conflict do nothing""");
		}
	}

	/**
	 * Lost: the applicant was shown a receipt but the database has no submitted
	 * application with that receipt, file and mail. Failed: the applicant saw an error
	 * (the draft stays).
	 */
	static void verify(String jdbcUrl, List<Session> sessions) throws Exception {
		Map<Long, String> stored = new HashMap<>();
		long files;
		long mails;
		try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("""
					select a.id, a.receipt_number from applications a
					join accounts u on u.id = a.applicant_account_id
					join application_files f on f.application_id = a.id and f.kind = 'CV'
					where u.email like 'rush%@bench.aifellows.kr' and a.status = 'SUBMITTED'""")) {
				while (rs.next()) {
					stored.put(rs.getLong(1), rs.getString(2));
				}
			}
			try (ResultSet rs = statement.executeQuery("""
					select count(*) from application_files f join applications a on a.id = f.application_id
					join accounts u on u.id = a.applicant_account_id
					where u.email like 'rush%@bench.aifellows.kr' and f.kind = 'CV'""")) {
				rs.next();
				files = rs.getLong(1);
			}
			try (ResultSet rs = statement.executeQuery("""
					select count(*) from mail_outbox where recipient like 'rush%@bench.aifellows.kr'
					and body like '%AIF-%'""")) {
				rs.next();
				mails = rs.getLong(1);
			}
		}
		long acknowledged = sessions.stream().filter(s -> s.receipt != null).count();
		long lost = sessions.stream()
			.filter(s -> s.receipt != null && !s.receipt.equals(stored.get(s.applicationId)))
			.count();
		System.out.printf("  in the database: %d submitted with receipt and CV, %d CV files, %d receipt mails%n",
				stored.size(), files, mails);
		System.out.printf("  receipts shown to applicants: %d; failed attempts (error shown, draft kept): %d%n",
				acknowledged, sessions.size() - acknowledged);
		System.out.printf("  lost submissions (receipt shown, not in the database): %d%n", lost);
		awaitExtraction(jdbcUrl);
	}

	/**
	 * The text extraction that the rush left queued: how long the worker takes to drain
	 * it.
	 */
	static void awaitExtraction(String jdbcUrl) throws Exception {
		long start = System.nanoTime();
		String states = "";
		try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			while (seconds(System.nanoTime() - start) < 900) {
				Map<String, Long> counts = new TreeMap<>();
				try (ResultSet rs = statement.executeQuery("""
						select f.extraction_state, count(*) from application_files f
						join applications a on a.id = f.application_id join accounts u on u.id = a.applicant_account_id
						where u.email like 'rush%@bench.aifellows.kr' group by f.extraction_state""")) {
					while (rs.next()) {
						counts.put(rs.getString(1), rs.getLong(2));
					}
				}
				catch (SQLException noQueue) {
					System.out.println("  (this portal has no text extraction queue)");
					return;
				}
				states = counts.toString();
				if (!counts.containsKey("PENDING")) {
					break;
				}
				Thread.sleep(1000);
			}
		}
		System.out.printf("  text extraction after the rush: %s, queue drained %.0f s after the last submission%n",
				states, seconds(System.nanoTime() - start));
	}

	interface Step {

		void run(Session session) throws Exception;

	}

	record Phase(List<Long> latencies, Map<String, List<Long>> steps, ConcurrentLinkedQueue<String> failures,
			long wallNanos) {

		int succeeded() {
			return latencies.size();
		}

		long percentile(double p) {
			return DeadlineRush.percentile(latencies.stream().mapToLong(Long::longValue).sorted().toArray(), p);
		}
	}

	static Phase run(String name, List<Session> sessions, int concurrency, Step step) throws Exception {
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		Map<String, List<Long>> steps = Collections.synchronizedMap(new LinkedHashMap<>());
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger next = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
			List<Future<?>> workers = new ArrayList<>();
			for (int w = 0; w < concurrency; w++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < sessions.size(); i = next.getAndIncrement()) {
						Session session = sessions.get(i);
						session.steps = steps;
						long t0 = System.nanoTime();
						try {
							step.run(session);
							latencies.add((System.nanoTime() - t0) / 1_000_000);
						}
						catch (Exception ex) {
							failures.add(session.email + ": " + ex.getMessage());
						}
						int finished = done.incrementAndGet();
						if (finished % 500 == 0) {
							System.out.printf("  %s: %d/%d after %.1f s%n", name, finished, sessions.size(),
									seconds(System.nanoTime() - start));
						}
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		return new Phase(latencies, steps, failures, System.nanoTime() - start);
	}

	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return -1;
		}
		return sorted[Math.min(sorted.length - 1,
				(int) Math.ceil(p * sorted.length) - 1 < 0 ? 0 : (int) Math.ceil(p * sorted.length) - 1)];
	}

	static double seconds(long nanos) {
		return nanos / 1e9;
	}

	static class Session {

		static final int PDF_SIZE = 1024 * 1024;

		final int number;

		final String email;

		final Map<String, String> cookies = new LinkedHashMap<>();

		String csrf;

		long applicationId;

		String receipt;

		Map<String, List<Long>> steps;

		Session(int number) {
			this.number = number;
			this.email = "rush" + number + "@bench.aifellows.kr";
		}

		void prepare() throws Exception {
			csrf = token(expect(get("/login"), 200).body());
			expectRedirect(post("/login", Map.of("email", email, "password", PASSWORD)), "/dashboard");
			String dashboard = expect(get("/applicant"), 200).body();
			csrf = token(dashboard);
			Matcher call = CALL.matcher(dashboard);
			if (!call.find()) {
				throw new IllegalStateException("no open call on the applicant dashboard");
			}
			String location = expectRedirect(post("/applicant/calls/" + call.group(1) + "/apply", Map.of()),
					"/applicant/applications/");
			Matcher id = APPLICATION.matcher(location);
			id.find();
			long application = Long.parseLong(id.group(1));
			String path = "/applicant/applications/" + application;
			Map<String, String> profile = new LinkedHashMap<>();
			profile.put("nameKo", "지원자" + number);
			profile.put("nameRomanized", "Applicant " + number);
			profile.put("areas", "NLP");
			profile.put("affiliations[0].institution", "Bench University " + (number % 97));
			profile.put("affiliations[0].title", "Researcher");
			profile.put("affiliations[0].startYear", "2020");
			expectRedirect(post(path + "/profile", profile), path);
			Map<String, String> proposal = new LinkedHashMap<>();
			proposal.put("title", "대형 언어 모델의 효율적 학습 " + number);
			proposal.put("abstractText", "강화학습과 증류를 결합해 한국어 모델을 효율적으로 학습합니다. " + number);
			proposal.put("body", "1단계 데이터, 2단계 학습, 3단계 평가. ".repeat(40));
			proposal.put("requestedGpuHours", "5000");
			proposal.put("gpuJustification", "H100 32장으로 7일 학습");
			expectRedirect(post(path + "/proposal", proposal), path);
			applicationId = application;
		}

		void submit() throws Exception {
			String path = "/applicant/applications/" + applicationId;
			long t0 = System.nanoTime();
			expectRedirect(upload(path + "/files/CV", "cv-" + number + ".pdf", pdf(number)), path);
			long t1 = System.nanoTime();
			String summary = expect(get(path + "/submit"), 200).body();
			csrf = token(summary);
			long t2 = System.nanoTime();
			HttpResponse<String> submitted = post(path + "/submit", Map.of());
			String location = expectRedirect(submitted, path);
			if (location.endsWith("/submit")) {
				throw new IllegalStateException("submit refused");
			}
			Matcher shown = RECEIPT.matcher(expect(get(path), 200).body());
			if (!shown.find()) {
				throw new IllegalStateException("no receipt number shown after submitting");
			}
			receipt = shown.group();
			long t3 = System.nanoTime();
			record("upload", t1 - t0);
			record("summary", t2 - t1);
			record("submit", t3 - t2);
		}

		void record(String step, long nanos) {
			steps.computeIfAbsent(step, s -> Collections.synchronizedList(new ArrayList<>())).add(nanos / 1_000_000);
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return send(request(path).GET().build());
		}

		HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
			StringBuilder form = new StringBuilder("_csrf=").append(encode(csrf));
			fields.forEach((name, value) -> form.append('&').append(encode(name)).append('=').append(encode(value)));
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
				.build());
		}

		HttpResponse<String> upload(String path, String fileName, byte[] content)
				throws IOException, InterruptedException {
			String boundary = "----rush" + Long.toHexString(System.nanoTime());
			ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 1024);
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf
					+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: application/pdf\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(content);
			body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build());
		}

		HttpRequest.Builder request(String path) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
				.timeout(Duration.ofMinutes(2));
			if (!cookies.isEmpty()) {
				builder.header("Cookie", String.join("; ",
						cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
			}
			return builder;
		}

		HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			for (String cookie : response.headers().allValues("Set-Cookie")) {
				String pair = cookie.split(";", 2)[0];
				int eq = pair.indexOf('=');
				cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
			}
			return response;
		}

		static HttpResponse<String> expect(HttpResponse<String> response, int status) {
			if (response.statusCode() != status) {
				throw new IllegalStateException(
						response.request().uri().getPath() + " answered " + response.statusCode());
			}
			return response;
		}

		static String expectRedirect(HttpResponse<String> response, String prefix) {
			String location = response.headers().firstValue("Location").orElse("");
			if (response.statusCode() != 302 || !URI.create(base).resolve(location).getPath().startsWith(prefix)) {
				throw new IllegalStateException(
						response.request().uri().getPath() + " answered " + response.statusCode() + " " + location);
			}
			return location;
		}

		static String token(String html) {
			Matcher matcher = CSRF.matcher(html);
			if (!matcher.find()) {
				throw new IllegalStateException("no CSRF token on the page");
			}
			return matcher.group(1).replace("&#45;", "-");
		}

		static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

		/**
		 * A valid one-page PDF with the applicant's name, padded to 1 MB by an unused
		 * stream of random bytes.
		 */
		static byte[] pdf(int number) {
			byte[] padding = new byte[PDF_SIZE - 1200];
			new Random(number).nextBytes(padding);
			String text = "(Curriculum Vitae of Applicant " + number + ") Tj";
			String content = "BT /F1 18 Tf 72 720 Td " + text + " ET";
			List<byte[]> objects = new ArrayList<>();
			objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
			objects.add(ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"));
			objects.add(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
					+ "/Resources << /Font << /F1 5 0 R >> >> >>"));
			objects.add(ascii("<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream"));
			objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
			ByteArrayOutputStream padded = new ByteArrayOutputStream();
			padded.writeBytes(ascii("<< /Length " + padding.length + " >>\nstream\n"));
			padded.writeBytes(padding);
			padded.writeBytes(ascii("\nendstream"));
			objects.add(padded.toByteArray());

			ByteArrayOutputStream out = new ByteArrayOutputStream(PDF_SIZE + 1024);
			out.writeBytes(ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
			long[] offsets = new long[objects.size()];
			for (int i = 0; i < objects.size(); i++) {
				offsets[i] = out.size();
				out.writeBytes(ascii((i + 1) + " 0 obj\n"));
				out.writeBytes(objects.get(i));
				out.writeBytes(ascii("\nendobj\n"));
			}
			long xref = out.size();
			StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
			Arrays.stream(offsets).forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
			table.append("trailer\n<< /Size ")
				.append(objects.size() + 1)
				.append(" /Root 1 0 R >>\nstartxref\n")
				.append(xref)
				.append("\n%%EOF\n");
			out.writeBytes(ascii(table.toString()));
			return out.toByteArray();
		}

		static byte[] ascii(String text) {
			return text.getBytes(StandardCharsets.ISO_8859_1);
		}

	}

}
