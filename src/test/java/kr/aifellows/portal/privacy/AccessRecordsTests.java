package kr.aifellows.portal.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.system.AuditLog;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class AccessRecordsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	AccessRecords records;

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void chairsViewsDownloadsAndExportsAreRecordedWithWhoWhereWhoseAndWhy() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("subject", Role.APPLICANT);
		ApplicationView application = fixtures.submitted(call.id(), applicant);
		AccountView chair = fixtures.account("handler", Role.CHAIR);
		String detail = "/chair/applications/" + application.id();

		mvc.perform(get(detail).with(as(chair)).with(from("203.0.113.7"))).andExpect(status().isOk());
		assertThat(recordsAbout(applicant)).singleElement().satisfies(entry -> {
			assertThat(entry.actor()).isEqualTo(chair.email());
			assertThat(entry.remoteAddress()).isEqualTo("203.0.113.7");
			assertThat(entry.action()).isEqualTo(AccessAction.VIEW);
			assertThat(entry.target()).isEqualTo("application:" + application.id());
			assertThat(entry.occurredAt()).isCloseTo(Instant.now(),
					Assertions.within(Duration.ofMinutes(1).toMillis(), ChronoUnit.MILLIS));
		});

		String file = detail + "/files/" + application.files().get(0).id();
		mvc.perform(get(file).with(as(chair)))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Content-Disposition"))
			.andExpect(content().string(containsString("id=\"access-reason\"")))
			.andExpect(content().string(not(containsString("reason-error"))));
		mvc.perform(get(file).param("reason", "  ").with(as(chair)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("사유를 입력하세요.")));
		assertThat(recordsAbout(applicant)).hasSize(1);

		mvc.perform(get(file).param("reason", "위원회 검토").with(as(chair)).with(from("203.0.113.8")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("attachment")));
		assertThat(recordsAbout(applicant).get(0)).satisfies(entry -> {
			assertThat(entry.action()).isEqualTo(AccessAction.DOWNLOAD);
			assertThat(entry.reason()).isEqualTo("위원회 검토");
			assertThat(entry.remoteAddress()).isEqualTo("203.0.113.8");
		});

		mvc.perform(get("/chair/calls/" + call.id() + "/applications").with(as(chair))).andExpect(status().isOk());
		assertThat(
				records.search(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60), chair.email(), null, 1))
			.first()
			.satisfies(entry -> assertThat(entry.target())
				.isEqualTo("call:" + call.id() + " applications page=0 status=all area=all"));

		String export = "/chair/calls/" + call.id() + "/applications.xlsx";
		mvc.perform(get(export).param("blind", "true").with(as(chair)))
			.andExpect(content().string(containsString("name=\"blind\" value=\"true\"")));
		mvc.perform(get(export).param("blind", "true").param("reason", "screening").with(as(chair)))
			.andExpect(header().string("Content-Disposition", containsString("applications-call-")));
		assertThat(
				records.search(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60), chair.email(), null, 10))
			.first()
			.satisfies(entry -> {
				assertThat(entry.action()).isEqualTo(AccessAction.EXPORT);
				assertThat(entry.target()).startsWith("call:" + call.id() + " applications").contains("blind=true");
				assertThat(entry.reason()).isEqualTo("screening");
			});

		AccountView admin = fixtures.account("officer", Role.ADMIN);
		mvc.perform(get("/admin/access-records").param("applicant", String.valueOf(applicant.id())).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("위원회 검토")));
		mvc.perform(get("/admin/access-records").with(as(chair))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/access-records/verify").with(as(admin)).with(csrf()))
			.andExpect(content().string(containsString("위변조가 없습니다")));
	}

	@Test
	void theChainShowsAChangedARemovedAndAnInsertedEntry() {
		records.record("tamper-test@test", 1L, AccessAction.VIEW, "application:1", null);
		records.record("tamper-test@test", 1L, AccessAction.DOWNLOAD, "application:1 file:1", "check");
		records.record("tamper-test@test", 1L, AccessAction.VIEW, "application:1", null);
		assertThat(records.verify().intact()).isTrue();
		long middle = jdbc.queryForObject(
				"select id from access_records where actor = 'tamper-test@test' and action = 'DOWNLOAD'", Long.class);

		assertThatThrownBy(() -> jdbc.update("update access_records set reason = 'forged' where id = ?", middle))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.update("delete from access_records where id = ?", middle))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");

		Map<String, Object> original = jdbc.queryForMap("select * from access_records where id = ?", middle);
		withoutTriggers(() -> jdbc.update("update access_records set reason = 'forged' where id = ?", middle));
		try {
			assertThat(records.verify()).satisfies(result -> {
				assertThat(result.intact()).isFalse();
				assertThat(result.firstBrokenId()).isEqualTo(middle);
			});
			withoutTriggers(() -> jdbc.update("delete from access_records where id = ?", middle));
			assertThat(records.verify().firstBrokenId()).isGreaterThan(middle);
		}
		finally {
			withoutTriggers(() -> {
				jdbc.update("delete from access_records where id = ?", middle);
				jdbc.update("""
						insert into access_records (id, occurred_at, actor, remote_address, applicant_account_id,
						  action, target, reason, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
						original.get("id"), original.get("occurred_at"), original.get("actor"),
						original.get("remote_address"), original.get("applicant_account_id"), original.get("action"),
						original.get("target"), original.get("reason"), original.get("prev_hash"),
						original.get("hash"));
			});
		}
		assertThat(records.verify().intact()).isTrue();
	}

	@Test
	void concurrentWritersKeepOneUnbrokenChain() throws Exception {
		List<Future<?>> writers = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 8; i++) {
				long applicant = 1000 + i;
				writers.add(threads.submit(() -> {
					for (int n = 0; n < 25; n++) {
						records.record("concurrent@test", applicant, AccessAction.VIEW, "application:" + n, null);
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(2, TimeUnit.MINUTES);
			}
		}
		assertThat(
				jdbc.queryForObject("select count(*) from access_records where actor = 'concurrent@test'", Long.class))
			.isEqualTo(200);
		assertThat(records.verify().intact()).isTrue();
	}

	@Test
	void theRetentionJobRemovesExpiredRecordsAndLeavesAVerifiableChainAndADestructionRecord() throws Exception {
		records.record("retention@test", 77L, AccessAction.VIEW, "application:77", null);
		Clock threeYearsOn = Clock.offset(Clock.systemUTC(), Duration.ofDays(3 * 366));
		new AccessRecordRetention(records, new PrivacyProperties(2, "officer", "privacy@test", 30, 10, 3, 5), auditLog,
				threeYearsOn)
			.removeExpired();

		Instant cutoff = threeYearsOn.instant().minus(Duration.ofDays(2 * 365));
		assertThat(jdbc.queryForObject("select count(*) from access_records where occurred_at < ?", Long.class,
				Timestamp.from(cutoff)))
			.isZero();
		assertThat(records.verify().intact()).isTrue();
		String destruction = jdbc.queryForObject("""
				select detail from audit_log where action = 'ACCESS_RECORDS_DESTROYED' order by id desc limit 1""",
				String.class);
		assertThat(destruction).contains("retention 2 years").doesNotContain("retention@test", "application:77");

		records.record("retention@test", 77L, AccessAction.VIEW, "application:77", null);
		assertThat(records.verify()).satisfies(result -> {
			assertThat(result.intact()).isTrue();
			assertThat(result.checked()).isEqualTo(1);
		});
		assertThatThrownBy(() -> new PrivacyProperties(0, "officer", "privacy@test", 30, 10, 3, 5))
			.hasMessageContaining("at least 1");
	}

	private List<AccessRecords.AccessRecordView> recordsAbout(AccountView applicant) {
		return records.search(Instant.EPOCH, Instant.now().plusSeconds(60), null, applicant.id(), 100);
	}

	private void withoutTriggers(Runnable change) {
		jdbc.execute("alter table access_records disable trigger access_records_append_only");
		try {
			change.run();
		}
		finally {
			jdbc.execute("alter table access_records enable trigger access_records_append_only");
		}
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
