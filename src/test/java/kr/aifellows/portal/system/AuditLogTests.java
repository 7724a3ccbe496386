package kr.aifellows.portal.system;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import kr.aifellows.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PortalIntegrationTest
class AuditLogTests {

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	AuditEntryRepository entries;

	@Test
	void entriesCanBeAddedAndFoundButNeverChangedOrDeleted() {
		auditLog.record("chair@test", "TEST_EVENT", "application-42", "scored");
		long id = auditLog.search("TEST_EVENT", "application-42", PageRequest.of(0, 1)).getContent().get(0).id();

		assertThatThrownBy(() -> jdbc.update("update audit_log set detail = 'forged' where id = ?", id))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.update("delete from audit_log where id = ?", id))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.execute("truncate audit_log")).isInstanceOf(DataAccessException.class);
		assertThat(jdbc.queryForObject("select detail from audit_log where id = ?", String.class, id))
			.isEqualTo("scored");
	}

	@Test
	void transactionsHoldingEveryPooledConnectionCanStillRecord() throws Exception {
		int poolSize = 3;
		HikariDataSource portal = dataSource.unwrap(HikariDataSource.class);
		try (HikariDataSource small = new HikariDataSource()) {
			small.setJdbcUrl(portal.getJdbcUrl());
			small.setUsername(portal.getUsername());
			small.setPassword(portal.getPassword());
			small.setMaximumPoolSize(poolSize);
			small.setConnectionTimeout(5_000);
			AuditLog audit = new AuditLog(entries, small, Clock.systemUTC());
			TransactionTemplate overSmallPool = new TransactionTemplate(new DataSourceTransactionManager(small));
			JdbcTemplate smallJdbc = new JdbcTemplate(small);
			CyclicBarrier allHoldAConnection = new CyclicBarrier(poolSize);
			List<Future<?>> transactionsThatRecord = new ArrayList<>();
			try (ExecutorService threads = Executors.newFixedThreadPool(poolSize)) {
				for (int i = 0; i < poolSize; i++) {
					String subject = "application-" + i;
					transactionsThatRecord.add(threads.submit(() -> overSmallPool.executeWithoutResult(status -> {
						smallJdbc.queryForObject("select 1", Integer.class);
						await(allHoldAConnection);
						audit.record("applicant@test", "POOL_TEST", subject, null);
					})));
				}
				for (Future<?> transaction : transactionsThatRecord) {
					transaction.get(2, TimeUnit.MINUTES);
				}
			}
			audit.destroy();
		}

		assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'POOL_TEST'", Long.class))
			.isEqualTo(poolSize);
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(1, TimeUnit.MINUTES);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
