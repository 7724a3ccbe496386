import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import kr.aifellows.portal.gpu.Balance;
import kr.aifellows.portal.gpu.ClusterCapacity;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.gpu.GpuJobs;
import kr.aifellows.portal.gpu.GpuProperties;
import kr.aifellows.portal.gpu.JobAccounting;
import kr.aifellows.portal.gpu.JobLauncher;
import kr.aifellows.portal.gpu.JobRefusedException;
import kr.aifellows.portal.gpu.JobRequest;
import kr.aifellows.portal.gpu.JobSpec;
import kr.aifellows.portal.gpu.JobStatus;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Quota-checked admissions per second with 64 concurrent submitters against PostgreSQL
 * (the portal's own migrations, embedded PostgreSQL 17 with fsync on), through
 * GpuJobs.admit: the wallet row lock, every limit check, the job row and the HOLD entry.
 * Two scenarios: 64 fellows (one per submitter) and one fellow shared by all 64 (the
 * worst case for the row lock). Each fellow's balance is exactly enough for a known
 * number of jobs and more are attempted, so overspend would show as more admissions than
 * that number.
 */
public class AdmissionBench {

	static final int SUBMITTERS = 64;

	public static void main(String[] args) throws Exception {
		int perFellowAffordable = Integer.parseInt(System.getProperty("affordable", "400"));
		String fsync = System.getProperty("fsync", "on");
		Path data = Files.createTempDirectory("admission-bench-pg");
		try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(true)
			.setServerConfig("max_connections", "200")
			.setServerConfig("fsync", fsync)
			.setPGStartupWait(Duration.ofSeconds(60))
			.start()) {
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
			config.setMaximumPoolSize(Integer.getInteger("pool", 16));
			try (HikariDataSource dataSource = new HikariDataSource(config)) {
				Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
				// fellow_top_up references accounts; the gpu tables do not.
				DataSourceTransactionManager tx = new DataSourceTransactionManager(dataSource);
				GpuProperties limits = new GpuProperties("bench", 8, 4, Duration.ofHours(24), Integer.MAX_VALUE,
						Duration.ofSeconds(2), Duration.ofMinutes(5));
				GpuAllocations allocations = new GpuAllocations(dataSource, tx, Clock.systemUTC());
				GpuJobs jobs = new GpuJobs(dataSource, tx, new NoLauncher(), limits, Clock.systemUTC());
				System.out.printf("PostgreSQL %s, fsync=%s, %d submitters, %d CPUs%n",
						JdbcClient.create(dataSource).sql("show server_version").query(String.class).single(), fsync,
						SUBMITTERS, Runtime.getRuntime().availableProcessors());
				run("warm-up (64 fellows)", allocations, jobs, dataSource, 1_000_000, SUBMITTERS, 100);
				run("64 fellows, one per submitter", allocations, jobs, dataSource, 2_000_000, SUBMITTERS,
						perFellowAffordable);
				run("1 fellow shared by all 64 submitters", allocations, jobs, dataSource, 3_000_000, 1,
						perFellowAffordable * 16);
			}
		}
	}

	/**
	 * Each fellow can afford exactly {@code affordable} jobs; the submitters try 25 %
	 * more.
	 */
	static void run(String name, GpuAllocations allocations, GpuJobs jobs, DataSource dataSource, long firstFellow,
			int fellows, int affordable) throws Exception {
		long hold = 60;
		Instant now = Instant.now();
		for (int f = 0; f < fellows; f++) {
			allocations.grant(firstFellow + f, affordable * hold, now.minusSeconds(60), now.plus(Duration.ofDays(1)),
					"BENCH", name + f, "bench");
		}
		int attemptsPerFellow = affordable + affordable / 4;
		int totalAttempts = attemptsPerFellow * fellows;
		AtomicLong next = new AtomicLong();
		AtomicLong admitted = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS)) {
			for (int t = 0; t < SUBMITTERS; t++) {
				futures.add(pool.submit(() -> {
					start.await();
					long i;
					while ((i = next.getAndIncrement()) < totalAttempts) {
						long fellow = firstFellow + i % fellows;
						try {
							jobs.admit(new JobRequest(fellow, "bench", "true", 1, 1, "bench", Duration.ofSeconds(hold),
									null, Map.of()));
							admitted.incrementAndGet();
						}
						catch (JobRefusedException ex) {
							refused.incrementAndGet();
						}
					}
					return null;
				}));
			}
			long t0 = System.nanoTime();
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			long overspent = 0;
			JdbcClient jdbc = JdbcClient.create(dataSource);
			for (int f = 0; f < fellows; f++) {
				Balance balance = allocations.balance(firstFellow + f);
				long ledgerHeld = jdbc.sql("select coalesce(sum(held_delta), 0) from gpu_ledger where account_id = ?")
					.param(firstFellow + f)
					.query(Long.class)
					.single();
				if (balance.held() > affordable * hold || balance.available() < 0 || ledgerHeld != balance.held()) {
					overspent++;
				}
			}
			System.out.printf(
					"%-40s %7d attempts %7d admitted (expected %d) %6d refused in %6.2f s: %8.0f attempts/s, %8.0f admissions/s, overspending fellows: %d%n",
					name, totalAttempts, admitted.get(), (long) affordable * fellows, refused.get(), seconds,
					totalAttempts / seconds, admitted.get() / seconds, overspent);
		}
	}

	/** Admission alone: the launcher is not part of what is measured. */
	static final class NoLauncher implements JobLauncher {

		@Override
		public String name() {
			return "bench";
		}

		@Override
		public String submit(JobSpec spec) {
			return "bench-" + spec.jobId();
		}

		@Override
		public Map<String, JobStatus> statuses(Collection<String> externalIds) {
			return Map.of();
		}

		@Override
		public void cancel(String externalId) {
		}

		@Override
		public Optional<JobAccounting> accounting(String externalId) {
			return Optional.empty();
		}

		@Override
		public String logTail(String externalId, int maxBytes) {
			return "";
		}

		@Override
		public ClusterCapacity capacity() {
			return new ClusterCapacity(List.of(new ClusterCapacity.Partition("bench", 2250, 18000, 0, 0)), List.of());
		}

	}

}
