package kr.aifellows.portal.privacy;

import java.time.Clock;
import java.time.Duration;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.system.AuditLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class PrivacyRequestsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	PrivacyRequests requests;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog auditLog;

	@Test
	void aRequestGetsATenDayDeadlineThatTheOfficerSeesAndAnswersAndOverdueOnesStandOut() throws Exception {
		AccountView applicant = fixtures.account("asker", Role.APPLICANT);
		mvc.perform(post("/account/privacy/requests").param("kind", "DELETION")
			.param("details", "  ")
			.with(as(applicant))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("요구 내용을 입력하세요."), containsString("value=\"DELETION\" selected"))));
		assertThat(requests.mine(applicant.id())).isEmpty();

		mvc.perform(post("/account/privacy/requests").param("kind", "CORRECTION")
			.param("details", "소속을 KAIST로 고쳐 주세요")
			.with(as(applicant))
			.with(csrf())).andExpect(redirectedUrl("/account/privacy#requests"));
		PrivacyRequests.RequestView filed = requests.mine(applicant.id()).get(0);
		assertThat(Duration.between(filed.requestedAt(), filed.dueAt())).isEqualTo(Duration.ofDays(10));
		assertThat(filed.overdue()).isFalse();
		mvc.perform(get("/account/privacy").with(as(applicant)))
			.andExpect(content().string(allOf(containsString("id=\"my-requests\""), containsString("답변 대기 중"))));

		PrivacyRequests elevenDaysOn = new PrivacyRequests(jdbc, new PrivacyProperties(2, "o", "p@test", 30, 10, 3, 5),
				auditLog, Clock.offset(Clock.systemUTC(), Duration.ofDays(11)));
		assertThat(elevenDaysOn.all(10_000)).filteredOn(r -> r.id() == filed.id())
			.singleElement()
			.satisfies(r -> assertThat(r.overdue()).isTrue());

		AccountView officer = fixtures.account("officer", Role.PRIVACY_OFFICER);
		mvc.perform(get("/admin/privacy-requests").with(as(officer)))
			.andExpect(content().string(containsString("소속을 KAIST로 고쳐 주세요")));
		mvc.perform(post("/admin/privacy-requests/" + filed.id() + "/answer").param("answer", "고쳤습니다")
			.with(as(officer))
			.with(csrf())).andExpect(redirectedUrl("/admin/privacy-requests"));
		assertThat(requests.mine(applicant.id()).get(0)).satisfies(r -> {
			assertThat(r.answer()).isEqualTo("고쳤습니다");
			assertThat(r.answeredBy()).isEqualTo(officer.email());
		});
		assertThat(elevenDaysOn.all(10_000)).filteredOn(r -> r.id() == filed.id())
			.singleElement()
			.satisfies(r -> assertThat(r.overdue()).isFalse());

		mvc.perform(get("/admin/privacy-requests").with(as(applicant))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/privacy-requests").with(as(fixtures.account("chair", Role.CHAIR))))
			.andExpect(status().isForbidden());
	}

	@Test
	void theChairAnswersCorrectionRequestsButNotDeletionRequests() throws Exception {
		AccountView applicant = fixtures.account("corrector", Role.APPLICANT);
		requests.file(applicant.id(), applicant.email(), PrivacyRequests.Kind.CORRECTION, "소속을 POSTECH으로 고쳐 주세요");
		requests.file(applicant.id(), applicant.email(), PrivacyRequests.Kind.DELETION, "계정을 지워 주세요");
		long correction = requests.mine(applicant.id()).get(1).id();
		long deletion = requests.mine(applicant.id()).get(0).id();
		AccountView chair = fixtures.account("chair", Role.CHAIR);

		mvc.perform(get("/chair/corrections").with(as(chair)))
			.andExpect(content().string(
					allOf(containsString("소속을 POSTECH으로 고쳐 주세요"), containsString("id=\"request-" + correction + "\""))))
			.andExpect(content().string(not(containsString("계정을 지워 주세요"))));
		mvc.perform(
				post("/chair/corrections/" + correction + "/answer").param("answer", " ").with(as(chair)).with(csrf()))
			.andExpect(flash().attribute("answerMissing", correction));
		assertThat(requests.find(correction).orElseThrow().answeredAt()).isNull();

		mvc.perform(post("/chair/corrections/" + correction + "/answer").param("answer", "소속을 고쳤습니다")
			.with(as(chair))
			.with(csrf())).andExpect(flash().attribute("answered", true));
		assertThat(requests.find(correction).orElseThrow()).satisfies(r -> {
			assertThat(r.answer()).isEqualTo("소속을 고쳤습니다");
			assertThat(r.answeredBy()).isEqualTo(chair.email());
		});
		mvc.perform(post("/chair/corrections/" + deletion + "/answer").param("answer", "지웠습니다")
			.with(as(chair))
			.with(csrf())).andExpect(flash().attribute("answered", false));
		assertThat(requests.find(deletion).orElseThrow().answeredAt()).as("a deletion is the officer's").isNull();
		mvc.perform(get("/chair/corrections").with(as(applicant))).andExpect(status().isForbidden());
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
