package kr.aifellows.portal.fellows;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import kr.aifellows.portal.ChildPortal;
import kr.aifellows.portal.PortalDatabase;
import kr.aifellows.portal.PortalHttpClient;
import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.gpu.slurm.SlurmDevCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test, end to end: the real portal runs in a child JVM with the Slurm
 * launcher on the dev cluster and a PostgreSQL database that this test owns (a database
 * of its own on the test JVM's embedded server, so it outlives the portal). An
 * administrator sets the demo fellow's cluster user and grants hours, the fellow submits
 * jobs through the job form over HTTP, and the portal is killed with SIGKILL while jobs
 * run. They finish in Slurm while no portal runs; a new portal on the same database must
 * charge every job exactly once, as Slurm accounted it, and release every hold.
 */
@PortalIntegrationTest
class SlurmPortalCrashTests {

	private static final Logger log = LoggerFactory.getLogger(SlurmPortalCrashTests.class);

	private static final String FELLOW = "fellow@demo.aifellows.kr";

	private static final String ADMIN = "admin@demo.aifellows.kr";

	private static final String CLUSTER_USER = "aiffellow";

	/**
	 * The jobs: GPUs and seconds of sleep. The first ends before the kill, the others
	 * after it.
	 */
	private static final int[][] JOBS = { { 1, 1 }, { 2, 12 }, { 3, 13 }, { 1, 14 } };

	@Autowired
	DataSource testDataSource;

	@Test
	void afterAKill9OfThePortalWhileItsSlurmJobsRunEveryJobIsChargedExactlyOnceAsSlurmAccountedIt(@TempDir Path dir)
			throws Exception {
		SlurmDevCluster.start();
		// The portals' logs outlive the test's temporary directory, for a failure in CI.
		Path logs = Files.createDirectories(Path.of("target", "slurm-portal-crash"));
		PortalDatabase database = PortalDatabase.create(testDataSource, "crash");
		String url = database.url();
		JdbcClient db = database.jdbc();
		ChildPortal first = null;
		ChildPortal second = null;
		try {
			long t0 = System.nanoTime();
			int port = ChildPortal.freePort();
			String base = "http://127.0.0.1:" + port;
			first = startPortal(dir, logs, "first", url, port).awaitReady();
			log.info("First portal ready after {} s", seconds(t0));

			PortalHttpClient admin = PortalHttpClient.signIn(base, ADMIN);
			String overview = admin.page("/admin/gpu?email=" + URLEncoder.encode(FELLOW, StandardCharsets.UTF_8));
			Matcher link = Pattern.compile("/admin/gpu/fellows/(\\d+)").matcher(overview);
			assertThat(link.find()).as("the fellow's page is linked from the lookup").isTrue();
			String fellowPage = link.group();
			long fellowId = Long.parseLong(link.group(1));
			admin.page(fellowPage);
			assertThat(admin.post(fellowPage + "/cluster-user", Map.of("clusterUser", CLUSTER_USER)).statusCode())
				.isEqualTo(302);
			admin.page("/admin/gpu");
			assertThat(admin
				.post("/admin/gpu/grants", Map.of("email", FELLOW, "hours", "2", "reason", "crash test", "token",
						UUID.randomUUID().toString()))
				.statusCode()).isEqualTo(302);
			long granted = db.sql("select granted_total from gpu_wallet where account_id = ?")
				.param(fellowId)
				.query(Long.class)
				.single();
			assertThat(granted).as("the demo grant and the one by hand").isEqualTo(102 * 3600L);

			PortalHttpClient fellow = PortalHttpClient.signIn(base, FELLOW);
			assertThat(fellow.page("/fellow/jobs/new")).contains(CLUSTER_USER);
			List<Long> jobIds = new ArrayList<>();
			for (int i = 0; i < JOBS.length; i++) {
				Map<String, String> form = new LinkedHashMap<>();
				form.put("name", "crash-" + i);
				form.put("script", "#!/bin/sh\nsleep " + JOBS[i][1] + "\n");
				form.put("partition", "gpu");
				form.put("gpusPerNode", String.valueOf(JOBS[i][0]));
				form.put("nodes", "1");
				form.put("timeLimitMinutes", "5");
				HttpResponse<String> response = fellow.postMultipart("/fellow/jobs", form, "files", "", new byte[0]);
				assertThat(response.statusCode()).as("job %s submitted: %s", i, response.body()).isEqualTo(302);
				String location = response.headers().firstValue("Location").orElseThrow();
				jobIds.add(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
			}
			long firstJob = jobIds.getFirst();
			List<Long> later = jobIds.subList(1, jobIds.size());
			await("the first job charged and the others running in Slurm", Duration.ofSeconds(60), first,
					() -> settled(db, firstJob) && running(db, later));

			first.kill();
			log.info("First portal killed after {} s", seconds(t0));
			for (long id : later) {
				assertThat(settled(db, id)).as("job %s still open when the portal died", id).isFalse();
			}

			await("the jobs finished in Slurm while no portal runs", Duration.ofSeconds(60), null,
					() -> later.stream().allMatch(id -> sacct(externalId(db, id)).state().equals("COMPLETED")));

			second = startPortal(dir, logs, "second", url, port).awaitReady();
			ChildPortal restarted = second;
			await("every job settled by the new portal", Duration.ofSeconds(60), restarted,
					() -> jobIds.stream().allMatch(id -> settled(db, id)));
			log.info("Every job settled after {} s", seconds(t0));

			long charged = 0;
			for (int i = 0; i < jobIds.size(); i++) {
				long id = jobIds.get(i);
				Sacct slurm = sacct(externalId(db, id));
				assertThat(slurm.user()).as("job %s ran as the fellow's cluster user", id).isEqualTo(CLUSTER_USER);
				assertThat(slurm.gpus()).isEqualTo(JOBS[i][0]);
				Map<String, List<Long>> entries = ledger(db, id);
				assertThat(entries.keySet()).as("job %s's ledger", id)
					.containsExactlyInAnyOrder("HOLD", "CHARGE", "RELEASE");
				assertThat(entries.values()).as("one entry of each kind")
					.allSatisfy(amounts -> assertThat(amounts).hasSize(1));
				long charge = entries.get("CHARGE").getFirst();
				long hold = entries.get("HOLD").getFirst();
				assertThat(charge).as("job %s charged GPUs × ElapsedRaw", id)
					.isEqualTo((long) slurm.gpus() * slurm.elapsed())
					.isPositive();
				assertThat(hold).isEqualTo(JOBS[i][0] * 5 * 60L);
				assertThat(entries.get("RELEASE").getFirst()).isEqualTo(hold - charge);
				assertThat(db.sql("select coalesce(sum(held_delta), 0) from gpu_ledger where job_id = ?")
					.param(id)
					.query(Long.class)
					.single()).as("job %s's hold released", id).isZero();
				charged += charge;
			}
			Map<String, Object> wallet = db.sql("select * from gpu_wallet where account_id = ?")
				.param(fellowId)
				.query()
				.singleRow();
			assertThat(wallet.get("held")).isEqualTo(0L);
			assertThat(wallet.get("live_gpus")).isEqualTo(0);
			assertThat(wallet.get("charged_total")).isEqualTo(charged);
			assertThat(wallet.get("available")).isEqualTo(granted - charged)
				.isEqualTo(db.sql("select sum(balance_delta) from gpu_ledger where account_id = ?")
					.param(fellowId)
					.query(Long.class)
					.single());
		}
		finally {
			if (first != null) {
				first.close();
			}
			if (second != null) {
				second.close();
			}
			database.close();
		}
	}

	/** The portal on the Slurm dev cluster, as the fellows' jobs run in production. */
	private static ChildPortal startPortal(Path dir, Path logs, String name, String url, int port) throws IOException {
		Path state = SlurmDevCluster.STATE;
		return ChildPortal.start(name, logs, port, url,
				List.of("--portal.gpu.launcher=slurm", "--portal.gpu.slurm.conf=" + state.resolve("etc/slurm.conf"),
						"--portal.gpu.slurm.account=" + SlurmDevCluster.ACCOUNT,
						"--portal.gpu.slurm.jobs-dir=" + state.resolve("jobs"),
						"--portal.gpu.slurm.require-cluster-user=true", "--portal.gpu.reconcile-interval=PT0.5S",
						"--portal.mail.delivery=outbox", "--portal.files.directory=" + dir.resolve("files"),
						"--portal.search.directory=" + dir.resolve("search-" + name),
						"--portal.gpu.local.directory=" + dir.resolve("gpu-jobs")));
	}

	private static void await(String what, Duration timeout, ChildPortal portal, BooleanSupplier condition) {
		ChildPortal.await(what, timeout, () -> {
			if (portal != null) {
				assertThat(portal.isAlive()).as("the portal runs while waiting for %s", what).isTrue();
			}
			return condition.getAsBoolean();
		});
	}

	private static boolean settled(JdbcClient db, long jobId) {
		return db.sql("select settled_at is not null from gpu_job where id = ?")
			.param(jobId)
			.query(Boolean.class)
			.single();
	}

	private static String externalId(JdbcClient db, long jobId) {
		return db.sql("select external_id from gpu_job where id = ?").param(jobId).query(String.class).single();
	}

	/** Every job has its Slurm id and Slurm runs it. */
	private static boolean running(JdbcClient db, List<Long> jobIds) {
		List<String> ids = jobIds.stream().map(id -> externalId(db, id)).toList();
		if (ids.contains(null)) {
			return false;
		}
		String states = SlurmDevCluster.raw("squeue", "-h", "-j", String.join(",", ids), "-o", "%T").out();
		return states.lines().filter(state -> state.strip().equals("RUNNING")).count() == ids.size();
	}

	private record Sacct(String user, String state, long elapsed, int gpus) {
	}

	private static Sacct sacct(String externalId) {
		String line = SlurmDevCluster
			.raw("sacct", "-X", "-n", "-P", "-j", externalId, "--format=User,State,ElapsedRaw,AllocTRES")
			.out()
			.strip();
		String[] f = line.split("\\|", -1);
		if (f.length < 4) {
			return new Sacct("", "", 0, 0);
		}
		Matcher gpus = Pattern.compile("gres/gpu=(\\d+)").matcher(f[3]);
		return new Sacct(f[0], f[1], Long.parseLong(f[2].isEmpty() ? "0" : f[2]),
				gpus.find() ? Integer.parseInt(gpus.group(1)) : 0);
	}

	private static Map<String, List<Long>> ledger(JdbcClient db, long jobId) {
		Map<String, List<Long>> entries = new LinkedHashMap<>();
		db.sql("select kind, gpu_seconds from gpu_ledger where job_id = ? order by id")
			.param(jobId)
			.query((rs, row) -> entries.computeIfAbsent(rs.getString(1), kind -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return entries;
	}

	private static long seconds(long since) {
		return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
	}

}
