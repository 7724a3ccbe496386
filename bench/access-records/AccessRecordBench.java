import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import org.flywaydb.core.Flyway;

/**
 * The cost of an access record: the latency of one record() (what a recorded page view
 * pays on top), single-threaded and with many concurrent writers (who share one hash
 * chain), on an empty table and after PRELOAD entries; and the time to verify the whole
 * chain. Runs the portal's own AccessRecords and migrations on a fresh embedded
 * PostgreSQL with fsync and synchronous_commit on, as in production. Usage: java ...
 * AccessRecordBench.java [samples] [preload] [threads]
 */
public class AccessRecordBench {

	public static void main(String[] args) throws Exception {
		int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
		int preload = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
		Path data = Files.createTempDirectory("access-bench");
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(data.resolve("pg"))
			.setCleanDataDirectory(true)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setPGStartupWait(Duration.ofSeconds(30))
			.start(); HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
			pool.setUsername("postgres");
			pool.setMaximumPoolSize(8);
			Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
			AccessRecords records = create(pool);
			for (int i = 0; i < 300; i++) { // warm-up
				records.record("warmup@bench", (long) i, AccessAction.VIEW, "application:" + i, null);
			}
			report("record(), empty table, 1 thread", single(records, samples));
			long loadStart = System.nanoTime();
			List<Future<?>> loaders = new ArrayList<>();
			try (ExecutorService loaders8 = Executors.newFixedThreadPool(4)) {
				for (int t = 0; t < 4; t++) {
					loaders.add(loaders8.submit(() -> {
						for (int i = 0; i < preload / 4; i++) {
							records.record("load@bench", (long) i, AccessAction.VIEW, "application:" + i, null);
						}
					}));
				}
				for (Future<?> f : loaders) {
					f.get();
				}
			}
			double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
			System.out.printf("preloaded %,d entries with 4 writers: %.1f s (%.0f records/s)%n", preload, loadSeconds,
					preload / loadSeconds);
			report("record(), after preload, 1 thread", single(records, samples));
			long[] concurrent = new long[samples];
			long wall = System.nanoTime();
			try (ExecutorService pool16 = Executors.newFixedThreadPool(threads)) {
				List<Future<?>> writers = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int offset = t;
					writers.add(pool16.submit(() -> {
						for (int i = offset; i < samples; i += threads) {
							long start = System.nanoTime();
							records.record("c@bench", (long) i, AccessAction.DOWNLOAD, "file:" + i, "bench");
							concurrent[i] = System.nanoTime() - start;
						}
					}));
				}
				for (Future<?> f : writers) {
					f.get();
				}
			}
			double concurrentSeconds = (System.nanoTime() - wall) / 1e9;
			report("record(), " + threads + " concurrent writers (pool of 4)", concurrent);
			System.out.printf("  throughput with %d writers: %.0f records/s%n", threads, samples / concurrentSeconds);
			long verifyStart = System.nanoTime();
			AccessRecords.Verification verification = records.verify();
			System.out.printf("verify(): %,d entries in %.2f s, intact=%s%n", verification.checked(),
					(System.nanoTime() - verifyStart) / 1e9, verification.intact());
			records.destroy();
		}
	}

	private static long[] single(AccessRecords records, int samples) {
		long[] nanos = new long[samples];
		for (int i = 0; i < samples; i++) {
			long start = System.nanoTime();
			records.record("chair@bench", (long) i, AccessAction.VIEW, "application:" + i, null);
			nanos[i] = System.nanoTime() - start;
		}
		return nanos;
	}

	private static void report(String what, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n", what,
				sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
				sorted[sorted.length - 1] / 1e6, sorted.length);
	}

	private static AccessRecords create(DataSource dataSource) throws Exception {
		Constructor<AccessRecords> constructor = AccessRecords.class.getDeclaredConstructor(DataSource.class,
				Clock.class);
		constructor.setAccessible(true);
		return constructor.newInstance(dataSource, Clock.systemUTC());
	}

}
