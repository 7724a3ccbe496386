package kr.aifellows.portal.portfolios;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.portfolios.files.FileStore;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
class ApplicationRetentionTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	ApplicationRetention retention;

	@Autowired
	FileStore store;

	@Autowired
	SearchIndex index;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anApplicationNotSelectedLeavesNothingPersonalAnywhereOnceItsRetentionIsOver() {
		CallSummary call = fixtures.openCall(Duration.ofDays(7));
		ApplicationView application = submittedWithItsOwnFile(call, "retention-old");
		String hash = jdbc.sql("select sha256 from application_files where application_id = :id")
			.param("id", application.id())
			.query(String.class)
			.single();
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> index.search(SearchQuery.chair(call.id(), "")).total() == 1);
		// The call closed four years ago; the default retention for applications not
		// selected is three.
		closeYearsAgo(call, 4);

		assertThat(retention.destroyExpired(Instant.now())).isPositive();

		var row = jdbc.sql("""
				select name_ko, name_romanized, orcid, proposal_title, proposal_body, receipt_number, applicant_email,
				       destroyed_at, (select count(*) from application_publications p where p.application_id = a.id)
				         + (select count(*) from application_affiliations f where f.application_id = a.id)
				         + (select count(*) from application_files f where f.application_id = a.id) as children
				from applications a where id = :id""").param("id", application.id()).query().singleRow();
		assertThat(row.get("destroyed_at")).isNotNull();
		assertThat(row.get("applicant_email")).asString().startsWith("destroyed-");
		assertThat(row).containsEntry("name_ko", null)
			.containsEntry("name_romanized", null)
			.containsEntry("orcid", null)
			.containsEntry("proposal_title", null)
			.containsEntry("proposal_body", null)
			.containsEntry("receipt_number", null)
			.containsEntry("children", 0L);
		assertThat(Files.exists(store.pathOf(hash))).as("the stored file").isFalse();
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> index.search(SearchQuery.chair(call.id(), "")).total() == 0);
		assertThat(jdbc
			.sql("select detail from audit_log where action = 'APPLICATIONS_DESTROYED' order by id desc limit 1")
			.query(String.class)
			.single()).contains("retention 3 years").doesNotContain("retention-old", "홍길동");
	}

	@Test
	void anApplicationWithinItsRetentionOrSelectedIsKept() {
		CallSummary recent = fixtures.openCall(Duration.ofDays(7));
		ApplicationView kept = submittedWithItsOwnFile(recent, "retention-recent");
		closeYearsAgo(recent, 2);
		CallSummary old = fixtures.openCall(Duration.ofDays(7));
		ApplicationView selected = submittedWithItsOwnFile(old, "retention-fellow");
		jdbc.sql("update applications set status = 'SELECTED' where id = :id").param("id", selected.id()).update();
		closeYearsAgo(old, 10);

		retention.destroyExpired(Instant.now());

		for (ApplicationView application : new ApplicationView[] { kept, selected }) {
			assertThat(jdbc.sql("select name_ko from applications where id = :id")
				.param("id", application.id())
				.query(String.class)
				.single()).isEqualTo("홍길동");
		}
	}

	private ApplicationView submittedWithItsOwnFile(CallSummary call, String prefix) {
		AccountView applicant = fixtures.account(prefix, Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		portfolios.uploadFile(draft.id(), applicant.id(), FileKind.CV, "cv.pdf",
				TestDocuments.pdf("CV " + prefix + " " + System.nanoTime()));
		return fixtures.extracted(portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN));
	}

	private void closeYearsAgo(CallSummary call, int years) {
		jdbc.sql("update calls set opens_at = now() - make_interval(years => :years, days => 30), "
				+ "closes_at = now() - make_interval(years => :years) where id = :id")
			.param("years", years)
			.param("id", call.id())
			.update();
	}

}
