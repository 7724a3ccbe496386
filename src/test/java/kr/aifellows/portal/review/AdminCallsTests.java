package kr.aifellows.portal.review;

import java.time.Duration;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
class AdminCallsTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Test
	void anAdministratorWithoutTheChairRoleSeesEveryCallAndItsStageReadOnly() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(3));

		mvc.perform(get("/admin/calls").with(user("admin-only@test").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(call.titleKo())))
			.andExpect(content().string(containsString("id=\"admin-call-stage-" + call.id() + "\">모집 중<")))
			.andExpect(content().string(not(containsString("action=\"/chair"))));
	}

}
