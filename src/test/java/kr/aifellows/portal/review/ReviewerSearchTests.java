package kr.aifellows.portal.review;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.blind.BlindLevel;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.shared.ResearchArea;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ReviewerSearchTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	ReviewerPool pool;

	@Autowired
	SearchIndex index;

	@Autowired
	CallCatalog calls;

	@Test
	void aReviewerFindsOnlyTheirAssignedApplicationsAndNeverAnIdentityInABlindCall() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		ApplicationView assigned = fixtures.submitted(call.id(), fixtures.account("mine", Role.APPLICANT));
		ApplicationView other = fixtures.submitted(call.id(), fixtures.account("other", Role.APPLICANT));
		AccountView reviewer = fixtures.account("searcher", Role.REVIEWER);
		pool.invite(new ReviewerPool.NewReviewer("Searcher", reviewer.email(), List.of(), Set.of(ResearchArea.NLP)),
				"chair@test", Locale.KOREAN);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> index.search(SearchQuery.chair(call.id(), "모델")).total() == 2);

		mvc.perform(get("/reviewer/calls/" + call.id() + "/search").with(as(reviewer)))
			.andExpect(status().isNotFound());

		long reviewerId = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
		mvc.perform(post("/chair/calls/" + call.id() + "/review/assignments").with(as(chair))
			.with(csrf())
			.param("applicationId", Long.toString(assigned.id()))
			.param("reviewerId", Long.toString(reviewerId))).andExpect(flash().attributeCount(0));

		mvc.perform(get("/reviewer").with(as(reviewer)))
			.andExpect(content().string(containsString("/reviewer/calls/" + call.id() + "/search")));
		mvc.perform(get("/reviewer/calls/" + call.id() + "/search").param("q", "모델").with(as(reviewer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/reviewer/applications/" + assigned.id())))
			.andExpect(content().string(not(containsString("/reviewer/applications/" + other.id()))));
		mvc.perform(get("/reviewer/calls/" + call.id() + "/search").param("q", "RL").with(as(reviewer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/reviewer/applications/" + assigned.id())))
			.andExpect(content().string(containsString("넓혀 찾았습니다: RL → 강화학습, reinforcement learning")));
		mvc.perform(get("/reviewer/calls/" + call.id() + "/search").param("q", "KAIST").with(as(reviewer)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("/reviewer/applications/" + assigned.id()))))
			.andExpect(content().string(not(containsString("홍길동"))));
		mvc.perform(get("/reviewer/calls/" + call.id() + "/search").param("q", "affiliation:KAIST").with(as(reviewer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("search-problem")));
	}

	@Test
	void aStrictlyBlindCallOffersItsReviewersNoSearchThatCouldMatchHiddenTitles() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		calls.setBlindLevel(call.id(), BlindLevel.STRICT, "chair@test");
		AccountView chair = fixtures.account("strict-chair", Role.CHAIR);
		ApplicationView assigned = fixtures.submitted(call.id(), fixtures.account("strict-mine", Role.APPLICANT));
		AccountView reviewer = fixtures.account("strict-searcher", Role.REVIEWER);
		pool.invite(new ReviewerPool.NewReviewer("Strict", reviewer.email(), List.of(), Set.of(ResearchArea.NLP)),
				"chair@test", Locale.KOREAN);
		long reviewerId = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
		mvc.perform(post("/chair/calls/" + call.id() + "/review/assignments").with(as(chair))
			.with(csrf())
			.param("applicationId", Long.toString(assigned.id()))
			.param("reviewerId", Long.toString(reviewerId))).andExpect(flash().attributeCount(0));

		mvc.perform(
				get("/reviewer/calls/" + call.id() + "/search").param("q", "Korean LLM evaluation").with(as(reviewer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("search-strict")))
			.andExpect(content().string(not(containsString("search-hits"))))
			.andExpect(content().string(not(containsString("Korean LLM evaluation</"))));
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
