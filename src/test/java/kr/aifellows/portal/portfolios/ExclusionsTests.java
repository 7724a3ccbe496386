package kr.aifellows.portal.portfolios;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ExclusionsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	ApplicationCatalog catalog;

	@Autowired
	UserDetailsService users;

	@Test
	void theApplicantNamesUpToThreePeopleWithReasonsAndReviewersNeverSeeThem() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("excluder", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		RequestPostProcessor me = SecurityMockMvcRequestPostProcessors
			.user(users.loadUserByUsername(applicant.email()));
		String url = "/applicant/applications/" + draft.id() + "/exclusions";

		mvc.perform(post(url).with(me)
			.with(csrf())
			.param("people[0].name", "Rival Professor")
			.param("people[0].email", "not-an-email")
			.param("people[0].reason", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("error-summary")));
		assertThat(portfolios.get(draft.id(), applicant.id()).exclusions()).isEmpty();

		mvc.perform(post(url).with(me)
			.with(csrf())
			.param("people[0].name", "Rival Professor")
			.param("people[0].email", "Rival@Uni.kr")
			.param("people[0].reason", "Competing grant")
			.param("people[1].name", "김경쟁")
			.param("people[1].reason", "Former advisor, dispute")
			.param("people[1].advisor", "true")).andExpect(status().is3xxRedirection());
		assertThat(portfolios.get(draft.id(), applicant.id()).exclusions()).containsExactly(
				new ExcludedPerson("Rival Professor", "rival@uni.kr", "Competing grant"),
				new ExcludedPerson("김경쟁", null, "Former advisor, dispute", true));
		assertThatThrownBy(() -> portfolios.saveExclusions(draft.id(), applicant.id(),
				List.of(new ExcludedPerson("a", null, "r"), new ExcludedPerson("b", null, "r"),
						new ExcludedPerson("c", null, "r"), new ExcludedPerson("d", null, "r"))))
			.hasMessage("exclusions.tooMany");

		ApplicationView submitted = portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
		assertThat(catalog.forBlindReview(submitted.id()).toString()).doesNotContain("Rival", "김경쟁", "dispute");
		assertThatThrownBy(() -> portfolios.saveExclusions(draft.id(), applicant.id(), List.of()))
			.hasMessage("application.locked");
	}

}
