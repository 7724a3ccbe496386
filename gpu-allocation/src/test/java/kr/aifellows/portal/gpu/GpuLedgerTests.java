package kr.aifellows.portal.gpu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import kr.aifellows.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static kr.aifellows.portal.gpu.GpuTestSupport.assertLedgerConsistent;
import static kr.aifellows.portal.gpu.GpuTestSupport.grant;
import static kr.aifellows.portal.gpu.GpuTestSupport.newFellow;
import static kr.aifellows.portal.gpu.GpuTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PortalIntegrationTest
class GpuLedgerTests {

	@Autowired
	GpuAllocations allocations;

	@Autowired
	GpuJobs jobs;

	@Autowired
	DataSource dataSource;

	@Test
	void aGrantIsIdempotentPerReference() {
		long fellow = newFellow();
		Instant now = Instant.now();
		Allocation first = allocations.grant(fellow, 3600, now, now.plus(Duration.ofDays(30)), "DECISION",
				"d-" + fellow, "chair");
		Allocation again = allocations.grant(fellow, 3600, now, now.plus(Duration.ofDays(30)), "DECISION",
				"d-" + fellow, "chair");

		assertThat(again.id()).isEqualTo(first.id());
		assertThat(allocations.balance(fellow).available()).isEqualTo(3600);
		assertThat(allocations.ledger(fellow)).extracting(LedgerEntry::kind).containsExactly(LedgerEntry.Kind.GRANT);
	}

	@Test
	void theLedgerIsAppendOnlyInTheDatabase() {
		long fellow = newFellow();
		grant(allocations, fellow, 100);
		JdbcClient jdbc = JdbcClient.create(dataSource);

		assertThatThrownBy(
				() -> jdbc.sql("update gpu_ledger set gpu_seconds = 1 where account_id = ?").param(fellow).update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from gpu_ledger where account_id = ?").param(fellow).update())
			.hasMessageContaining("append-only");
		assertThat(allocations.balance(fellow).available()).isEqualTo(100);
	}

	@Test
	void anAdjustmentNeedsAReasonAndNeverTakesTheBalanceBelowZero() {
		long fellow = newFellow();
		grant(allocations, fellow, 1000);

		assertThatThrownBy(() -> allocations.adjust(fellow, -1001, "too much", "admin"))
			.isInstanceOfSatisfying(JobRefusedException.class, ex -> assertThat(ex.excess()).isEqualTo(1));
		assertThatThrownBy(() -> allocations.adjust(fellow, 10, " ", "admin"))
			.isInstanceOf(IllegalArgumentException.class);
		Balance balance = allocations.adjust(fellow, -400, "correction of a duplicate grant", "admin");

		assertThat(balance.available()).isEqualTo(600);
		assertThat(allocations.ledger(fellow).getLast().reason()).isEqualTo("correction of a duplicate grant");
	}

	@Test
	void aRefusedJobSaysWhichLimitAndByHowMuchAndHoldsNothing() {
		long fellow = newFellow();
		grant(allocations, fellow, 3600);

		assertRefused(request(fellow, "true", 0, Duration.ofMinutes(1)), JobRefusedException.Limit.GPUS_PER_NODE, 0);
		assertRefused(request(fellow, "true", 9, Duration.ofMinutes(1)), JobRefusedException.Limit.GPUS_PER_NODE, 1);
		assertRefused(request(fellow, "true", 1, Duration.ofHours(25)), JobRefusedException.Limit.TIME_LIMIT, 3600);
		assertRefused(request(fellow, "true", 1, Duration.ZERO), JobRefusedException.Limit.TIME_LIMIT, 0);
		assertRefused(new JobRequest(fellow, "x; rm -rf /", "true", 1, 1, "local", Duration.ofMinutes(1), null, null),
				JobRefusedException.Limit.NAME, 0);
		assertRefused(
				new JobRequest(fellow, "ok", "true", 1, 1, "no-such-partition", Duration.ofMinutes(1), null, null),
				JobRefusedException.Limit.PARTITION, 0);
		assertRefused(new JobRequest(fellow, "ok", "true", 2, 1, "local", Duration.ofMinutes(1), null, null),
				JobRefusedException.Limit.NODES, 1);
		assertRefused(request(fellow, "true", 2, Duration.ofMinutes(31)), JobRefusedException.Limit.BALANCE, 120);
		assertRefused(request(newFellow(), "true", 1, Duration.ofMinutes(1)), JobRefusedException.Limit.NO_ALLOCATION,
				60);

		assertThat(allocations.balance(fellow).available()).isEqualTo(3600);
		assertThat(allocations.balance(fellow).held()).isZero();
		assertThat(jobs.countJobs(fellow)).isZero();
	}

	@Test
	void theFellowsConcurrentGpusAreCapped() {
		long fellow = newFellow();
		grant(allocations, fellow, 10_000_000);
		jobs.admit(request(fellow, "true", 8, Duration.ofMinutes(1)));
		jobs.admit(request(fellow, "true", 6, Duration.ofMinutes(1)));

		assertRefused(request(fellow, "true", 4, Duration.ofMinutes(1)), JobRefusedException.Limit.CONCURRENT_GPUS, 2);
	}

	@Test
	void aJobIsChargedOnceForWhatItUsedAndTheRestIsReleased() {
		long fellow = newFellow();
		grant(allocations, fellow, 10_000);
		long jobId = jobs.admit(request(fellow, "true", 2, Duration.ofMinutes(10)));
		assertThat(allocations.balance(fellow).held()).isEqualTo(1200);
		JobAccounting accounting = new JobAccounting(JobState.COMPLETED, Instant.now().minusSeconds(100), Instant.now(),
				0, 100, 200, 5, 1000);

		jobs.settle(jobId, accounting, null);
		jobs.settle(jobId, accounting, null);

		Balance balance = allocations.balance(fellow);
		assertThat(balance.held()).isZero();
		assertThat(balance.charged()).isEqualTo(200);
		assertThat(balance.available()).isEqualTo(9800);
		List<LedgerEntry> ledger = allocations.ledger(fellow);
		assertThat(ledger).extracting(LedgerEntry::kind)
			.containsExactly(LedgerEntry.Kind.GRANT, LedgerEntry.Kind.HOLD, LedgerEntry.Kind.CHARGE,
					LedgerEntry.Kind.RELEASE);
		assertThat(ledger.get(3).gpuSeconds()).isEqualTo(1000);
		GpuJob job = jobs.find(fellow, jobId).orElseThrow();
		assertThat(job.chargedSeconds()).isEqualTo(200);
		assertThat(job.hasOverrun()).isFalse();
		assertLedgerConsistent(JdbcClient.create(dataSource), allocations, fellow);
	}

	@Test
	void anOverrunIsChargedAsFarAsTheBalanceGoesAndRecordedVisibly() {
		long fellow = newFellow();
		grant(allocations, fellow, 150);
		long jobId = jobs.admit(request(fellow, "true", 1, Duration.ofSeconds(100)));

		jobs.settle(jobId, new JobAccounting(JobState.TIMED_OUT, Instant.now().minusSeconds(200), Instant.now(), 137,
				200, 200, -1, -1), null);

		GpuJob job = jobs.find(fellow, jobId).orElseThrow();
		assertThat(job.overrunSeconds()).isEqualTo(100);
		assertThat(job.chargedSeconds()).isEqualTo(150);
		assertThat(job.unbilledSeconds()).isEqualTo(50);
		assertThat(allocations.balance(fellow).available()).isZero();
		assertThat(allocations.ledger(fellow).get(2).reason()).contains("overrun 100").contains("50 GPU-s unbilled");
		assertLedgerConsistent(JdbcClient.create(dataSource), allocations, fellow);
	}

	@Test
	void anEndedAllocationExpiresWhatIsLeftOfIt() {
		long fellow = newFellow();
		Instant now = Instant.now();
		Allocation ending = allocations.grant(fellow, 500, now.minus(Duration.ofDays(30)), now.minusSeconds(1), "TEST",
				"ended-" + fellow, "chair");
		grant(allocations, fellow, 1000);

		allocations.expireEnded();
		allocations.expireEnded();

		assertThat(allocations.balance(fellow).available()).isEqualTo(1000);
		assertThat(allocations.balance(fellow).expired()).isEqualTo(500);
		assertThat(allocations.allocations(fellow)).filteredOn(a -> a.id() == ending.id())
			.singleElement()
			.extracting(Allocation::expired)
			.isEqualTo(true);
		assertLedgerConsistent(JdbcClient.create(dataSource), allocations, fellow);
	}

	@Test
	void aJobWiderThanThePartitionsLargestNodeIsRefusedBeforeAnythingIsHeld(
			@Autowired PlatformTransactionManager transactionManager) {
		long fellow = newFellow();
		grant(allocations, fellow, 3600);
		ClusterCapacity twoGpuNode = new ClusterCapacity(List.of(new ClusterCapacity.Partition("small", 1, 2, 0, 3600)),
				List.of(new ClusterCapacity.Node("n1", "small,debug", "idle", 2, 0)));
		GpuJobs smallCluster = new GpuJobs(dataSource, transactionManager, new CapacityOnlyLauncher(twoGpuNode),
				GpuProperties.defaults(), Clock.systemUTC());

		assertThatThrownBy(() -> smallCluster
			.submit(new JobRequest(fellow, "wide", "true", 1, 3, "small", Duration.ofMinutes(1), null, null)))
			.isInstanceOfSatisfying(JobRefusedException.class, ex -> {
				assertThat(ex.limit()).isEqualTo(JobRefusedException.Limit.GPUS_PER_NODE);
				assertThat(ex.excess()).isEqualTo(1);
			});
		assertThat(allocations.balance(fellow).held()).isZero();
		assertThat(allocations.balance(fellow).available()).isEqualTo(3600);
	}

	/** A launcher that only tells its capacity: enough for admission checks. */
	private record CapacityOnlyLauncher(ClusterCapacity capacity) implements JobLauncher {

		@Override
		public String name() {
			return "capacity-only";
		}

		@Override
		public String submit(JobSpec spec) {
			throw new LaunchException("not for launching");
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

	}

	private void assertRefused(JobRequest request, JobRefusedException.Limit limit, long excess) {
		assertThatThrownBy(() -> jobs.submit(request)).isInstanceOfSatisfying(JobRefusedException.class, ex -> {
			assertThat(ex.limit()).isEqualTo(limit);
			assertThat(ex.excess()).isEqualTo(excess);
		});
	}

}
