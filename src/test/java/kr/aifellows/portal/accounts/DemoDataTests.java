package kr.aifellows.portal.accounts;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static kr.aifellows.portal.accounts.AccountTestSupport.login;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "demo" })
class DemoDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortalUserDetailsService users;

	@Test
	void everyDemoAccountSignsInWithThePrintedPassword() throws Exception {
		String[][] expected = { { "admin@demo.aifellows.kr", "/admin" }, { "chair@demo.aifellows.kr", "/chair" },
				{ "reviewer1@demo.aifellows.kr", "/reviewer" }, { "applicant1@demo.aifellows.kr", "/applicant" },
				{ "fellow@demo.aifellows.kr", "/fellow" } };
		for (String[] account : expected) {
			var session = mvc.perform(login(account[0], DemoAccounts.DEMO_PASSWORD))
				.andExpect(redirectedUrl("/dashboard"))
				.andReturn()
				.getResponse()
				.getCookie("SESSION");
			mvc.perform(get("/dashboard").cookie(session)).andExpect(redirectedUrl(account[1]));
		}
	}

	@Test
	void applicantsSeeTheOpenDemoCall() throws Exception {
		mvc.perform(get("/applicant").with(user(users.loadUserByUsername("applicant1@demo.aifellows.kr"))))
			.andExpect(content().string(containsString("2027년 AI 국가대표 펠로십 1기 모집")));
	}

	@Test
	void theChairSeesTheSubmittedDemoApplication() throws Exception {
		mvc.perform(get("/chair").with(user(users.loadUserByUsername("chair@demo.aifellows.kr"))))
			.andExpect(content().string(containsString("2027년 AI 국가대표 펠로십 1기 모집")));
		mvc.perform(get("/applicant").with(user(users.loadUserByUsername("applicant2@demo.aifellows.kr"))))
			.andExpect(content().string(containsString("제출 완료")));
	}

}
