package kr.aifellows.portal.system.cluster;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import kr.aifellows.portal.ChildPortal;
import kr.aifellows.portal.PortalDatabase;
import kr.aifellows.portal.PortalHttpClient;
import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import kr.aifellows.portal.gpu.slurm.SlurmDevCluster;
import kr.aifellows.portal.portfolios.TestDocuments;
import kr.aifellows.portal.search.ElasticsearchTestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale-out path end to end: two real portal instances (child JVMs) on one PostgreSQL
 * database, one Elasticsearch node and the Slurm dev cluster, behind HAProxy balancing
 * every request round-robin without stickiness. Applicants rush to submit across both;
 * one instance is killed with SIGKILL in the middle of the rush. Every session goes on on
 * the other instance without a new sign-in, every receipt shown is stored with its file,
 * every receipt mail is sent once, and every GPU job running at the kill is charged once.
 */
@PortalIntegrationTest
class TwoInstancesFailoverTests {

	private static final Logger log = LoggerFactory.getLogger(TwoInstancesFailoverTests.class);

	private static final int APPLICANTS = 48;

	private static final int CONCURRENCY = 8;

	/** The instance is killed once this many applicants have their receipt. */
	private static final int KILL_AFTER = 16;

	private static final Duration MAIL_LEASE = Duration.ofSeconds(5);

	private static final String FELLOW = "fellow@demo.aifellows.kr";

	private static final Pattern CALL = Pattern.compile("/applicant/calls/(\\d+)/apply");

	private static final Pattern APPLICATION = Pattern.compile("/applicant/applications/(\\d+)");

	private static final Pattern RECEIPT = Pattern.compile("AIF-\\d{4}-\\d+-\\d+");

	@Autowired
	DataSource testDataSource;

	@Test
	void aRushAcrossTwoInstancesLosesNothingWhenOneIsKilled(@TempDir Path dir) throws Exception {
		SlurmDevCluster.start();
		String elasticsearch = ElasticsearchTestNode.uri();
		Path logs = Files.createDirectories(Path.of("target", "two-instances"));
		PortalDatabase database = PortalDatabase.create(testDataSource, "scaleout");
		String url = database.url();
		JdbcClient db = database.jdbc();
		int balancerPort = ChildPortal.freePort();
		String base = "http://127.0.0.1:" + balancerPort;
		List<String> settings = settings(dir, elasticsearch, base);
		ChildPortal a = null;
		ChildPortal b = null;
		Process haproxy = null;
		try {
			// One after the other: the demo data is seeded by the first.
			a = ChildPortal.start("a", logs, ChildPortal.freePort(), url, settings).awaitReady();
			b = ChildPortal.start("b", logs, ChildPortal.freePort(), url, settings).awaitReady();
			assertThat(db.sql("select count(*) from portal_instance").query(Long.class).single()).isEqualTo(2);
			haproxy = haproxy(dir, logs, balancerPort, a.port(), b.port());
			HttpClient probe = HttpClient.newHttpClient();
			ChildPortal.await("HAProxy forwards", Duration.ofSeconds(30),
					() -> ChildPortal.answers(probe, base + "/actuator/health/readiness"));

			List<Long> jobs = launchJobs(base, db);
			List<Applicant> applicants = seedApplicants(db, base);
			run(applicants, Applicant::prepare);
			ChildPortal victim = a;
			AtomicInteger receipts = new AtomicInteger();
			Thread killer = Thread.ofPlatform().start(() -> {
				ChildPortal.await("the rush under way", Duration.ofMinutes(3), () -> receipts.get() >= KILL_AFTER);
				try {
					victim.kill();
					log.info("Instance a killed after {} receipts", receipts.get());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			run(applicants, applicant -> {
				applicant.submit();
				receipts.incrementAndGet();
			});
			killer.join();
			assertThat(a.isAlive()).isFalse();

			for (Applicant applicant : applicants) {
				assertThat(applicant.receipt).as("%s got a receipt", applicant.email).isNotNull();
				Map<String, Object> stored = db.sql("""
						select a.status, a.receipt_number, count(f.id) as files from applications a
						left join application_files f on f.application_id = a.id and f.kind = 'CV'
						where a.id = :id group by a.status, a.receipt_number""")
					.param("id", applicant.applicationId)
					.query()
					.singleRow();
				assertThat(stored).as("%s's application as stored", applicant.email)
					.containsEntry("status", "SUBMITTED")
					.containsEntry("receipt_number", applicant.receipt)
					.containsEntry("files", 1L);
			}
			ChildPortal.await("every receipt mail sent", Duration.ofSeconds(60),
					() -> applicants.stream().allMatch(applicant -> TestMailServer.countMailsTo(applicant.email) >= 1));
			// A mail the killed instance had claimed is taken over once its claim (5 s
			// here) runs out.
			Thread.sleep(MAIL_LEASE.plusSeconds(3).toMillis());
			int copies = 0;
			for (Applicant applicant : applicants) {
				List<String> messageIds = TestMailServer.messageIdsTo(applicant.email);
				assertThat(messageIds.stream().distinct()).as("receipt mails to %s", applicant.email).hasSize(1);
				copies += messageIds.size() - 1;
			}
			// SMTP has no exactly-once hand-off: only a mail the killed instance had
			// handed over but not yet
			// recorded (its courier and its retry job hold one each) may arrive twice,
			// with the same Message-ID.
			assertThat(copies).as("receipt mails delivered a second time").isLessThanOrEqualTo(2);

			ChildPortal survivor = b;
			ChildPortal.await("every job settled by the surviving instance", Duration.ofSeconds(150), () -> {
				assertThat(survivor.isAlive()).isTrue();
				return jobs.stream()
					.allMatch(id -> db.sql("select settled_at is not null from gpu_job where id = :id")
						.param("id", id)
						.query(Boolean.class)
						.single());
			});
			for (long job : jobs) {
				assertThat(db.sql("select count(*) from gpu_ledger where job_id = :id and kind = 'CHARGE'")
					.param("id", job)
					.query(Long.class)
					.single()).as("job %s charged once", job).isEqualTo(1);
				assertThat(db.sql("select coalesce(sum(held_delta), 0) from gpu_ledger where job_id = :id")
					.param("id", job)
					.query(Long.class)
					.single()).as("job %s's hold released", job).isZero();
			}
		}
		finally {
			if (haproxy != null) {
				haproxy.destroy();
				haproxy.waitFor(10, TimeUnit.SECONDS);
			}
			if (a != null) {
				a.close();
			}
			if (b != null) {
				b.close();
			}
			database.close();
		}
	}

	private static List<String> settings(Path dir, String elasticsearch, String publicUrl) {
		Path slurm = SlurmDevCluster.STATE;
		return List.of("--portal.public-url=" + publicUrl, "--portal.mail.base-url=" + publicUrl,
				"--portal.search.backend=elasticsearch", "--spring.elasticsearch.uris=" + elasticsearch,
				"--portal.search.index=scaleout-" + UUID.randomUUID().toString().substring(0, 8),
				"--portal.gpu.launcher=slurm", "--portal.gpu.slurm.conf=" + slurm.resolve("etc/slurm.conf"),
				"--portal.gpu.slurm.account=" + SlurmDevCluster.ACCOUNT,
				"--portal.gpu.slurm.jobs-dir=" + slurm.resolve("jobs"), "--portal.gpu.reconcile-interval=PT1S",
				"--portal.mail.delivery=smtp", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + System.getProperty("spring.mail.port"), "--portal.mail.retry-interval=PT1S",
				"--portal.mail.delivery-lease=" + MAIL_LEASE, "--portal.files.directory=" + dir.resolve("shared-files"),
				"--portal.instances.heartbeat-interval=PT2S");
	}

	/**
	 * HAProxy in front of both: round-robin, no stickiness, a dead instance taken out
	 * within a second.
	 */
	private static Process haproxy(Path dir, Path logs, int port, int first, int second) throws IOException {
		Path config = dir.resolve("haproxy.cfg");
		Files.writeString(config, """
				global
				    maxconn 2000
				defaults
				    mode http
				    timeout connect 2s
				    timeout client 90s
				    timeout server 90s
				    retries 3
				    option redispatch
				    retry-on conn-failure empty-response
				frontend portal
				    bind 127.0.0.1:%d
				    default_backend portals
				backend portals
				    balance roundrobin
				    option httpchk GET /actuator/health/readiness
				    http-check expect status 200
				    server a 127.0.0.1:%d check inter 500ms fall 2 rise 2
				    server b 127.0.0.1:%d check inter 500ms fall 2 rise 2
				""".formatted(port, first, second));
		Path binary = Path.of("/usr/sbin/haproxy");
		assertThat(binary).as("HAProxy (Debian package haproxy; .ci/run installs it)").isExecutable();
		return new ProcessBuilder(binary.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
			.redirectOutput(logs.resolve("haproxy.log").toFile())
			.start();
	}

	/** The fellow's jobs, long enough to run through the kill. */
	private static List<Long> launchJobs(String base, JdbcClient db) throws Exception {
		PortalHttpClient fellow = PortalHttpClient.signIn(base, FELLOW);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			fellow.page("/fellow/jobs/new");
			Map<String, String> form = new LinkedHashMap<>();
			form.put("name", "failover-" + i);
			form.put("script", "#!/bin/sh\nsleep 25\n");
			form.put("partition", "gpu");
			form.put("gpusPerNode", "1");
			form.put("nodes", "1");
			form.put("timeLimitMinutes", "5");
			HttpResponse<String> response = fellow.postMultipart("/fellow/jobs", form, "files", "", new byte[0]);
			assertThat(response.statusCode()).as("job %s submitted: %s", i, response.body()).isEqualTo(302);
			String location = response.headers().firstValue("Location").orElseThrow();
			ids.add(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
		}
		return ids;
	}

	private List<Applicant> seedApplicants(JdbcClient db, String base) {
		db.sql("""
				insert into accounts (email, display_name, password_hash, email_verified, created_at)
				select 'failover' || g || '@test.aifellows.kr', '지원자 ' || g,
				       (select password_hash from accounts where email = 'applicant1@demo.aifellows.kr'), true, now()
				from generate_series(1, :n) g""").param("n", APPLICANTS).update();
		db.sql("""
				insert into account_roles (account_id, role)
				select id, 'APPLICANT' from accounts where email like 'failover%@test.aifellows.kr'""").update();
		List<Applicant> applicants = new ArrayList<>();
		for (int i = 1; i <= APPLICANTS; i++) {
			applicants.add(new Applicant(i, "failover" + i + "@test.aifellows.kr", base));
		}
		return applicants;
	}

	private void run(List<Applicant> applicants, Step step) throws Exception {
		Map<String, Exception> failures = new ConcurrentHashMap<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
			List<Future<?>> done = new ArrayList<>();
			for (Applicant applicant : applicants) {
				done.add(pool.submit(() -> {
					try {
						step.run(applicant);
					}
					catch (Exception ex) {
						failures.put(applicant.email, ex);
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		failures.forEach((email, ex) -> log.error("{} failed", email, ex));
		assertThat(failures).as("applicants whose journey failed").isEmpty();
	}

	interface Step {

		void run(Applicant applicant) throws Exception;

	}

	/**
	 * One applicant in one session, for the whole test. A request that an instance
	 * dropped as it died is sent again, as a person presses again; being sent to the
	 * sign-in page is a failure.
	 */
	private final class Applicant {

		private final int number;

		private final String email;

		private final String base;

		private PortalHttpClient client;

		private long applicationId;

		private String receipt;

		Applicant(int number, String email, String base) {
			this.number = number;
			this.email = email;
			this.base = base;
		}

		void prepare() throws Exception {
			client = PortalHttpClient.signIn(base, email);
			String dashboard = page("/applicant");
			Matcher call = CALL.matcher(dashboard);
			assertThat(call.find()).as("an open call on the dashboard").isTrue();
			String location = redirect(() -> client.post("/applicant/calls/" + call.group(1) + "/apply", Map.of()));
			Matcher id = APPLICATION.matcher(location);
			assertThat(id.find()).as("the draft's address %s", location).isTrue();
			applicationId = Long.parseLong(id.group(1));
			String path = "/applicant/applications/" + applicationId;
			page(path);
			Map<String, String> profile = new LinkedHashMap<>();
			profile.put("nameKo", "지원자" + number);
			profile.put("nameRomanized", "Applicant " + number);
			profile.put("areas", "NLP");
			profile.put("affiliations[0].institution", "Failover University " + number);
			profile.put("affiliations[0].title", "Researcher");
			profile.put("affiliations[0].startYear", "2020");
			redirect(() -> client.post(path + "/profile", profile));
			page(path);
			Map<String, String> proposal = new LinkedHashMap<>();
			proposal.put("title", "두 인스턴스의 장애 조치 " + number);
			proposal.put("abstractText", "한 인스턴스가 죽어도 접수는 계속됩니다. " + number);
			proposal.put("body", "1단계 데이터, 2단계 학습, 3단계 평가. ".repeat(20));
			proposal.put("requestedGpuHours", "500");
			proposal.put("gpuJustification", "H100 8장으로 3일 학습");
			redirect(() -> client.post(path + "/proposal", proposal));
		}

		void submit() throws Exception {
			String path = "/applicant/applications/" + applicationId;
			byte[] cv = TestDocuments.pdf("Curriculum Vitae of failover applicant " + number, 100_000, null);
			page(path);
			redirect(() -> client.postMultipart(path + "/files/CV", Map.of(), "file", "cv-" + number + ".pdf", cv));
			page(path + "/submit");
			String location = redirect(() -> client.post(path + "/submit", Map.of()));
			assertThat(location).as("submitted, not sent back to the summary").doesNotEndWith("/submit");
			Matcher shown = RECEIPT.matcher(page(path));
			assertThat(shown.find()).as("the receipt shown on %s", path).isTrue();
			receipt = shown.group();
		}

		private String page(String path) throws Exception {
			HttpResponse<String> response = again(() -> client.get(path));
			assertThat(response.statusCode()).as("GET %s for %s", path, email).isEqualTo(200);
			return response.body();
		}

		private String redirect(Request request) throws Exception {
			HttpResponse<String> response = again(request);
			assertThat(response.statusCode()).as("%s for %s", response.request().uri().getPath(), email).isEqualTo(302);
			return response.headers().firstValue("Location").orElseThrow();
		}

		private HttpResponse<String> again(Request request) throws Exception {
			for (int attempt = 1;; attempt++) {
				try {
					HttpResponse<String> response = request.send();
					String location = response.headers().firstValue("Location").orElse("");
					assertThat(location).as("%s still signed in after %s", email, response.request().uri().getPath())
						.doesNotContain("/login");
					if (response.statusCode() < 502 || response.statusCode() > 504 || attempt == 10) {
						return response;
					}
				}
				catch (IOException dropped) {
					if (attempt == 10) {
						throw dropped;
					}
				}
				Thread.sleep(500);
			}
		}

	}

	interface Request {

		HttpResponse<String> send() throws Exception;

	}

}
