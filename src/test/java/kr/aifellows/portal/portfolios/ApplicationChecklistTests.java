package kr.aifellows.portal.portfolios;

import java.time.Duration;
import java.util.List;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A draft says, section by section, what it still needs before submit, each missing piece
 * linked to the field that fills it; the deadline comes with the time left. Nothing is
 * blocked until submit.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ApplicationChecklistTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	UserDetailsService users;

	@Test
	void anEmptyDraftListsWhatEachSectionNeedsLinkedToFieldsThatExist() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(3));
		AccountView applicant = fixtures.account("checklist", Role.APPLICANT);
		ApplicationView draft = portfolios.startOrResume(call.id(), PortfolioFixtures.applicant(applicant));

		String page = page("/applicant/applications/" + draft.id(), applicant);

		String checklist = between(page, "id=\"checklist\"", "</nav>");
		assertThat(checklist).contains("id=\"step-profile\" class=\"step-missing\"",
				"id=\"step-proposal\" class=\"step-missing\"", "id=\"step-files\" class=\"step-missing\"",
				"id=\"step-publications\" class=\"step-optional\"", "선택 · 0건", "위의 빠진 항목을 채우면 제출할 수 있습니다");
		for (String field : List.of("nameKo", "affiliations0.institution", "proposal-title", "requestedGpuHours",
				"upload-CV")) {
			assertThat(checklist).contains("href=\"#" + field + "\"");
			assertThat(page).as("the field the checklist links to").contains("id=\"" + field + "\"");
		}
		assertThat(between(page, "id=\"deadline-remaining\"", "</span>")).contains("2일 23시간");

		String summary = page("/applicant/applications/" + draft.id() + "/submit", applicant);
		assertThat(between(summary, "id=\"submit-missing\"", "</div>")).contains(
				"href=\"/applicant/applications/" + draft.id() + "#nameKo\"",
				"href=\"/applicant/applications/" + draft.id() + "#upload-CV\"");
	}

	@Test
	void aCompleteDraftIsReadyAndASubmittedApplicationHasNoChecklist() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(3));
		AccountView applicant = fixtures.account("ready", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);

		String checklist = between(page("/applicant/applications/" + draft.id(), applicant), "id=\"checklist\"",
				"</nav>");
		assertThat(checklist)
			.contains("id=\"step-profile\" class=\"step-done\"", "id=\"step-proposal\" class=\"step-done\"",
					"id=\"step-files\" class=\"step-done\"", "선택 · 1건", "id=\"step-submit\" class=\"step-done\"",
					"제출할 수 있습니다")
			.doesNotContain("step-missing");

		AccountView done = fixtures.account("done", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(call.id(), done);
		assertThat(page("/applicant/applications/" + submitted.id(), done)).contains("id=\"receipt-number\"")
			.doesNotContain("id=\"checklist\"", "id=\"deadline-remaining\"");
	}

	private String page(String path, AccountView account) throws Exception {
		return mvc.perform(get(path).with(as(account))).andReturn().getResponse().getContentAsString();
	}

	private static String between(String page, String start, String end) {
		int from = page.indexOf(start);
		assertThat(from).as("%s on the page", start).isNotNegative();
		return page.substring(from, page.indexOf(end, from));
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
