package kr.aifellows.portal.privacy;

import java.time.Clock;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
class PrivacyPolicyTests {

	private static final String PASSWORD = "correct-horse-battery-9";

	@Autowired
	MockMvc mvc;

	@Autowired
	PrivacyPolicy policy;

	@Autowired
	Consents consents;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserDetailsService users;

	@Test
	void thePublicPolicyStatesTheEnforcedRetentionInBothLanguagesAndEveryPageLinksToIt() throws Exception {
		PrivacyPolicy.Version current = policy.current();
		mvc.perform(get("/privacy"))
			.andExpect(status().isOk())
			.andExpect(
					content().string(allOf(containsString("개인정보 처리방침"), containsString("개인정보 접속기록: 2년 보관 후 매일 자동 파기"),
							containsString("제" + current.number() + "판"), containsString("privacy@aifellows.kr"))));
		mvc.perform(get("/privacy").cookie(new Cookie("portal-lang", "en")))
			.andExpect(content()
				.string(allOf(containsString("Privacy policy"), containsString("Access records: kept 2 years"))));
		// Backups are kept no longer than the shortest retention period, the same
		// setting.
		mvc.perform(get("/privacy")).andExpect(content().string(containsString("가장 짧은 보유 기간인 2년보다 오래된 백업은 삭제합니다")));
		mvc.perform(get("/privacy").cookie(new Cookie("portal-lang", "en")))
			.andExpect(content().string(containsString("removes every backup older than 2 years")));
		for (String page : new String[] { "/", "/login", "/register", "/privacy" }) {
			mvc.perform(get(page)).andExpect(content().string(containsString("id=\"footer-privacy\"")));
		}
		mvc.perform(get("/privacy").param("version", "999999")).andExpect(status().isNotFound());
	}

	@Test
	void changedRetentionSettingsDateANewVersionAndTheEarlierOneStaysReadable() throws Exception {
		PrivacyPolicy.Version before = policy.current();
		PrivacyPolicy longer = new PrivacyPolicy(jdbc,
				new PrivacyProperties(3, "officer", "privacy@test", 30, 10, 3, 5), Clock.systemUTC());
		PrivacyPolicy.Version after = longer.current();

		assertThat(after.number()).isGreaterThan(before.number());
		assertThat(after.effectiveFrom()).isAfterOrEqualTo(before.effectiveFrom());
		assertThat(longer.current()).isEqualTo(after);
		mvc.perform(get("/privacy").param("version", String.valueOf(after.number())))
			.andExpect(content().string(containsString("3년 보관")));
		mvc.perform(get("/privacy").param("version", String.valueOf(before.number())))
			.andExpect(content().string(containsString("2년 보관")));
	}

	@Test
	void registrationAsksItemByItemStoresTheVersionAndOptionalConsentsCanBeWithdrawn() throws Exception {
		String email = "consent-" + UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr";
		mvc.perform(register(email).param("consents", "LATER_CALLS"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("필수 동의 항목에 동의해야 가입할 수 있습니다"), containsString("value=\"" + email + "\""))));
		assertThat(jdbc.queryForObject("select count(*) from accounts where email = ?", Long.class, email)).isZero();
		mvc.perform(register(email).param("_consents", "on"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"consents-error\""),
					containsString("id=\"consent-APPLICATION_DATA\""), not(containsString("Collection is empty")))));

		mvc.perform(register(email).param("consents", "APPLICATION_DATA", "LATER_CALLS"))
			.andExpect(redirectedUrl("/register/sent"));
		long id = jdbc.queryForObject("select id from accounts where email = ?", Long.class, email);
		assertThat(consents.of(id)).extracting(Consents.ConsentView::item, Consents.ConsentView::policyVersion)
			.containsExactlyInAnyOrder(Tuple.tuple(ConsentItem.APPLICATION_DATA, policy.current().number()),
					Tuple.tuple(ConsentItem.LATER_CALLS, policy.current().number()));

		RequestPostProcessor me = SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(email));
		mvc.perform(get("/account/privacy").with(me))
			.andExpect(content().string(allOf(containsString("id=\"withdraw-LATER_CALLS\""),
					not(containsString("id=\"withdraw-APPLICATION_DATA\"")))));
		mvc.perform(post("/account/privacy/consents/APPLICATION_DATA/withdraw").with(me).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/account/privacy/consents/LATER_CALLS/withdraw").with(me).with(csrf()))
			.andExpect(redirectedUrl("/account/privacy"));
		assertThat(consents.of(id)).filteredOn(Consents.ConsentView::active)
			.extracting(Consents.ConsentView::item)
			.containsExactly(ConsentItem.APPLICATION_DATA);
		mvc.perform(get("/account/privacy").with(me))
			.andExpect(content().string(containsString("id=\"consent-LATER_CALLS-withdrawn\"")));
		mvc.perform(get("/account/privacy")).andExpect(status().is3xxRedirection());
	}

	private static MockHttpServletRequestBuilder register(String email) {
		return post("/register").with(csrf())
			.param("email", email)
			.param("displayName", "동의 확인")
			.param("password", PASSWORD)
			.param("passwordConfirmation", PASSWORD);
	}

}
