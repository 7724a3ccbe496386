package kr.aifellows.portal.gpu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import kr.aifellows.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static kr.aifellows.portal.gpu.GpuTestSupport.assertLedgerConsistent;
import static kr.aifellows.portal.gpu.GpuTestSupport.grant;
import static kr.aifellows.portal.gpu.GpuTestSupport.newFellow;
import static kr.aifellows.portal.gpu.GpuTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
class AdmissionConcurrencyTests {

	private static final int THREADS = 64;

	private static final int AFFORDABLE = 11;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	GpuJobs jobs;

	@Autowired
	DataSource dataSource;

	@Test
	void sixtyFourConcurrentSubmissionsAdmitExactlyWhatTheBalanceAllows() throws Exception {
		long fellow = newFellow();
		long hold = 60;
		grant(allocations, fellow, AFFORDABLE * hold + hold - 1);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
			for (int i = 0; i < THREADS; i++) {
				results.add(pool.submit(() -> {
					start.await();
					try {
						jobs.admit(request(fellow, "true", 1, Duration.ofSeconds(hold)));
						return true;
					}
					catch (JobRefusedException ex) {
						assertThat(ex.limit()).isEqualTo(JobRefusedException.Limit.BALANCE);
						return false;
					}
				}));
			}
			start.countDown();
		}
		int admitted = 0;
		for (Future<Boolean> result : results) {
			admitted += result.get() ? 1 : 0;
		}

		assertThat(admitted).isEqualTo(AFFORDABLE);
		Balance balance = allocations.balance(fellow);
		assertThat(balance.held()).isEqualTo(AFFORDABLE * hold);
		assertThat(balance.available()).isEqualTo(hold - 1);
		assertThat(jobs.countJobs(fellow)).isEqualTo(AFFORDABLE);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		assertThat(jdbc.sql("select count(*) from gpu_ledger where account_id = ? and kind = 'HOLD'")
			.param(fellow)
			.query(Long.class)
			.single()).isEqualTo(AFFORDABLE);
		assertLedgerConsistent(jdbc, allocations, fellow);
	}

}
