package kr.aifellows.portal.fellows;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fellow's records are destroyed five years after their last grant ended, and not a day
 * before; the ledger's amounts stay.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class FellowRecordRetentionTests {

	@Autowired
	FellowRecordRetention retention;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	GpuAllocations allocations;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFellowsRecordsGoFiveYearsAfterTheirLastGrantAndAFellowWithARecentGrantKeepsThem() {
		Instant now = Instant.now();
		Fellow old = fellow("old-fellow", now.minus(Duration.ofDays(5 * 366 + 10)));
		Fellow recent = fellow("recent-fellow", now.minus(Duration.ofDays(4 * 365)));
		long ledgerBefore = jdbc.sql("select coalesce(sum(balance_delta), 0) from gpu_ledger where account_id = :a")
			.param("a", old.account().id())
			.query(Long.class)
			.single();

		assertThat(retention.destroyExpired(now)).isGreaterThanOrEqualTo(1);

		assertThat(destroyed(old.application().id())).as("the old fellow's selected application").isTrue();
		assertThat(jobScripts(old.account().id())).containsOnly("");
		assertThat(topUpReasons(old.account().id())).containsOnly("");
		assertThat(jdbc.sql("select coalesce(sum(balance_delta), 0) from gpu_ledger where account_id = :a")
			.param("a", old.account().id())
			.query(Long.class)
			.single()).as("the ledger stays").isEqualTo(ledgerBefore);
		assertThat(destroyed(recent.application().id())).isFalse();
		assertThat(jobScripts(recent.account().id())).containsOnly("python train.py --secret-idea");
		assertThat(topUpReasons(recent.account().id())).containsOnly("새 실험을 위해 더 필요합니다");
		assertThat(retention.destroyExpired(now)).as("each fellow once").isZero();
	}

	private Fellow fellow(String prefix, Instant grantEnded) {
		AccountView account = fixtures.account(prefix, Role.APPLICANT, Role.FELLOW);
		ApplicationView application = fixtures.submitted(fixtures.openCall(Duration.ofDays(1)).id(), account);
		jdbc.sql("update applications set status = 'SELECTED' where id = :id").param("id", application.id()).update();
		allocations.grant(account.id(), 3600, grantEnded.minus(365, ChronoUnit.DAYS), grantEnded, "TEST",
				prefix + "-" + account.id(), "test");
		jdbc.sql("""
				insert into gpu_job (account_id, name, script, nodes, gpus_per_node, gpus, partition_name,
				                     time_limit_seconds, hold_seconds, launcher, state, submitted_at, ended_at,
				                     settled_at)
				values (:a, 'secret-idea', 'python train.py --secret-idea', 1, 1, 1, 'local', 60, 60, 'local',
				        'COMPLETED', :at, :at, :at)""")
			.param("a", account.id())
			.param("at", Timestamp.from(grantEnded.minusSeconds(3600)))
			.update();
		jdbc.sql("""
				insert into fellow_top_up (account_id, email, gpu_hours, justification, status, created_at)
				values (:a, :email, 10, '새 실험을 위해 더 필요합니다', 'PENDING', :at)""")
			.param("a", account.id())
			.param("email", account.email())
			.param("at", Timestamp.from(grantEnded.minusSeconds(7200)))
			.update();
		return new Fellow(account, application);
	}

	private boolean destroyed(long applicationId) {
		return jdbc.sql("select destroyed_at is not null from applications where id = :id")
			.param("id", applicationId)
			.query(Boolean.class)
			.single();
	}

	private List<String> jobScripts(long accountId) {
		return jdbc.sql("select script from gpu_job where account_id = :a")
			.param("a", accountId)
			.query(String.class)
			.list();
	}

	private List<String> topUpReasons(long accountId) {
		return jdbc.sql("select justification from fellow_top_up where account_id = :a")
			.param("a", accountId)
			.query(String.class)
			.list();
	}

	private record Fellow(AccountView account, ApplicationView application) {
	}

}
