package kr.aifellows.portal.mydata;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.notifications.Notifications;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.privacy.PrivacyRequests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A person asks for their account to be deleted; the privacy officer sees what would be
 * destroyed and what kept until when, confirms, and the person is told the same by mail.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class AccountDeletionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	PrivacyRequests requests;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Notifications notifications;

	@Test
	void theOfficerSeesWhatIsDestroyedAndWhatKeptUntilWhenConfirmsAndThePersonIsToldByMail() throws Exception {
		AccountView applicant = fixtures.account("leaver", Role.APPLICANT);
		CallSummary reviewed = fixtures.openCall(Duration.ofDays(1));
		ApplicationView kept = fixtures.submitted(reviewed.id(), applicant);
		jdbc.sql("update calls set closes_at = now() - interval '1 day' where id = :id")
			.param("id", reviewed.id())
			.update();
		CallSummary open = fixtures.openCall(Duration.ofDays(5));
		ApplicationView draft = fixtures.completeDraft(open.id(), applicant);
		requests.file(applicant.id(), applicant.email(), PrivacyRequests.Kind.DELETION, "계정을 지워 주세요");
		long requestId = requests.mine(applicant.id()).getFirst().id();
		AccountView officer = fixtures.account("officer", Role.PRIVACY_OFFICER);
		await().atMost(Duration.ofSeconds(20)).until(() -> !notifications.recent(applicant.id(), 5).isEmpty());
		LocalDate keptUntil = LocalDate.now(ZoneId.of("Asia/Seoul")).minusDays(1).plusYears(3);

		mvc.perform(get("/admin/privacy-requests").with(as(officer)))
			.andExpect(content().string(containsString("id=\"erasure-link-" + requestId + "\"")));
		mvc.perform(get("/admin/privacy-requests/" + requestId + "/erasure").with(as(officer)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(applicant.email()),
					containsString("id=\"erasure-" + draft.id() + "\""), containsString("지금 파기합니다"),
					containsString(keptUntil + "까지 보관한 뒤 파기합니다"), containsString(kept.receiptNumber()))));

		mvc.perform(post("/admin/privacy-requests/" + requestId + "/erasure").with(as(officer)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"confirm-error\"")));
		assertThat(accounts.findById(applicant.id()).orElseThrow().email()).as("nothing done unconfirmed")
			.isEqualTo(applicant.email());

		mvc.perform(post("/admin/privacy-requests/" + requestId + "/erasure").param("confirmed", "true")
			.param("note", "문의: privacy@aifellows.kr")
			.with(as(officer))
			.with(csrf()))
			.andExpect(redirectedUrl("/admin/privacy-requests"))
			.andExpect(flash().attribute("erasureMessage", "erasure.done"));

		AccountView erased = accounts.findById(applicant.id()).orElseThrow();
		assertThat(erased.email()).isEqualTo("erased-" + applicant.id() + "@erased.invalid");
		assertThat(erased.displayName()).isEmpty();
		assertThat(notifications.recent(applicant.id(), 5)).as("the notifications").isEmpty();
		assertThat(erased.roles()).isEmpty();
		assertThat(erased.active()).isFalse();
		assertThat(accounts.findByEmail(applicant.email())).isEmpty();
		assertThat(destroyed(draft.id())).as("the draft").isTrue();
		assertThat(destroyed(kept.id())).as("the reviewed application").isFalse();
		String mail = jdbc.sql("select body from mail_outbox where recipient = :to order by id desc limit 1")
			.param("to", applicant.email())
			.query(String.class)
			.single();
		assertThat(mail).contains("지금 파기합니다", keptUntil + "까지 보관한 뒤 파기합니다", "Kept until " + keptUntil,
				"문의: privacy@aifellows.kr");
		assertThat(requests.find(requestId).orElseThrow().answeredAt()).isNotNull();
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'ACCOUNT_ERASED' and subject = :target")
			.param("target", "account:" + applicant.id())
			.query(Long.class)
			.single()).isEqualTo(1);

		mvc.perform(post("/admin/privacy-requests/" + requestId + "/erasure").param("confirmed", "true")
			.with(as(officer))
			.with(csrf())).andExpect(flash().attribute("erasureMessage", "erasure.nothingToDo"));
		mvc.perform(get("/admin/privacy-requests/" + requestId + "/erasure").with(as(officer)))
			.andExpect(content().string(containsString("id=\"erasure-unavailable\"")));
	}

	private boolean destroyed(long applicationId) {
		return jdbc.sql("select destroyed_at is not null from applications where id = :id")
			.param("id", applicationId)
			.query(Boolean.class)
			.single();
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
