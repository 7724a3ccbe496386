package kr.aifellows.portal.gpu;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

final class GpuTestSupport {

	private GpuTestSupport() {
	}

	/** A fellow id no other test uses (the gpu module does not check accounts). */
	static long newFellow() {
		return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
	}

	static Allocation grant(GpuAllocations allocations, long accountId, long gpuSeconds) {
		Instant now = Instant.now();
		return allocations.grant(accountId, gpuSeconds, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)),
				"TEST", "test-" + accountId + "-" + System.nanoTime(), "tester");
	}

	static JobRequest request(long accountId, String script, int gpus, Duration timeLimit) {
		return new JobRequest(accountId, "job-" + gpus, script, 1, gpus, "local", timeLimit, null, Map.of());
	}

	/** The ledger's sums agree with the wallet and never go below zero. */
	static void assertLedgerConsistent(JdbcClient jdbc, GpuAllocations allocations, long accountId) {
		long available = jdbc.sql("select coalesce(sum(balance_delta), 0) from gpu_ledger where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
		long held = jdbc.sql("select coalesce(sum(held_delta), 0) from gpu_ledger where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
		Balance balance = allocations.balance(accountId);
		assertThat(balance.available()).isEqualTo(available).isNotNegative();
		assertThat(balance.held()).isEqualTo(held).isNotNegative();
		assertThat(balance.granted() + balance.adjusted() - balance.charged() - balance.expired() - balance.held())
			.isEqualTo(balance.available());
	}

	static GpuJob awaitSettled(GpuJobs jobs, long accountId, long jobId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			GpuJob job = jobs.find(accountId, jobId).orElseThrow();
			if (job.settled()) {
				return job;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("Job " + jobId + " was not settled within 60 s");
	}

}
