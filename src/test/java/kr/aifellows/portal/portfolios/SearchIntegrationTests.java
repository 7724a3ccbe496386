package kr.aifellows.portal.portfolios;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.indexing.SearchReindexing;
import kr.aifellows.portal.search.SearchDocument;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import kr.aifellows.portal.search.SearchResults;
import kr.aifellows.portal.search.SearchUnavailableException;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The portal keeps the search index in step with applications through the event
 * publication registry, and the chair's and admin's search pages work on top of it, also
 * when the backend fails.
 */
@PortalIntegrationTest
@Import({ PortfolioFixtures.class, SearchIntegrationTests.FlakyIndexConfiguration.class })
class SearchIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	UserDetailsService users;

	@Autowired
	SearchIndex index;

	@Autowired
	FlakySearchIndex flaky;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SearchReindexing reindexing;

	@AfterEach
	void healthy() {
		flaky.failingWrites.set(0);
		flaky.down.set(false);
		flaky.layoutChanged.set(false);
	}

	@Test
	void submittedApplicationsAreFoundWithinASecondAndWithdrawnOnesLeave() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("indexed", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		assertThat(index.search(SearchQuery.chair(call.id(), "")).total()).as("drafts are not indexed").isZero();

		portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(call.id(), "모델")).containsExactly(draft.id()));
		assertThat(ids(call.id(), "강화 학습")).containsExactly(draft.id());
		assertThat(ids(call.id(), "evaluation harness")).containsExactly(draft.id());
		assertThat(ids(call.id(), "홍길동")).as("the chair finds identities").containsExactly(draft.id());
		assertThat(
				index.search(SearchQuery.reviewer(call.id(), "홍길동", Set.of(Long.toString(draft.id())), true)).total())
			.as("a blind reviewer does not")
			.isZero();
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(ids(call.id(), "curriculum"))
				.as("the CV's text, once extracted (after the upload), is indexed for the chair")
				.containsExactly(draft.id()));
		assertThat(index.search(SearchQuery.reviewer(call.id(), "curriculum", Set.of(Long.toString(draft.id())), true))
			.total()).as("not for a blind reviewer").isZero();
		assertThat(index.search(SearchQuery.reviewer(call.id(), "모델", Set.of(Long.toString(draft.id())), true)).total())
			.isEqualTo(1);
		assertThat(index.search(SearchQuery.reviewer(call.id(), "모델", Set.of("0"), false)).total())
			.as("nor one it is not assigned")
			.isZero();

		portfolios.withdraw(draft.id(), applicant.id(), Instant.now());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(call.id(), "모델")).isEmpty());
	}

	@Test
	void aFailedIndexingStaysInTheRegistryAndIsCompletedOnResubmission() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("retried", Role.APPLICANT);
		// Extracted before submitting: the one failing write is then the submission's
		// indexing.
		ApplicationView draft = fixtures.extracted(fixtures.completeDraft(call.id(), applicant));
		flaky.failingWrites.set(1);

		ApplicationView submitted = portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);

		assertThat(submitted.status()).as("a failing index never breaks submitting")
			.isEqualTo(ApplicationStatus.SUBMITTED);
		await().atMost(PATIENCE).until(() -> flaky.failingWrites.get() == 0);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(incompletePublications(draft.id())).isEqualTo(1));
		assertThat(ids(call.id(), "모델")).isEmpty();

		incomplete
			.resubmitIncompletePublications(publication -> publication.getEvent() instanceof ApplicationSubmitted event
					&& event.applicationId() == draft.id());

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(call.id(), "모델")).containsExactly(draft.id()));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(incompletePublications(draft.id())).isZero());
	}

	@Test
	void theChairSearchSaysWhenFileTextIsNotSearchableYet() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("pending", Role.APPLICANT);
		ApplicationView draft = fixtures.extracted(fixtures.completeDraft(call.id(), applicant));
		portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
		RequestPostProcessor chair = as(fixtures.account("chair", Role.CHAIR));
		String page = "/chair/calls/" + call.id() + "/search";
		mvc.perform(get(page).param("q", "모델").with(chair))
			.andExpect(content().string(Matchers.not(containsString("search-pending-extraction"))));

		// As the file stands while it waits (leased by a worker, so that none takes it
		// meanwhile).
		jdbc.update(
				"""
						update application_files set extraction_state = 'PENDING', extraction_lease_until = now() + interval '1 hour'
						where application_id = ?""",
				draft.id());
		mvc.perform(get(page).param("q", "모델").with(chair))
			.andExpect(content().string(containsString("이 공고의 파일 1개는 아직 텍스트를 추출하는 중이라")));
		jdbc.update("update application_files set extraction_state = 'DONE' where application_id = ?", draft.id());
	}

	@Test
	void theChairSearchesACallWithFacetsAndSafeHighlights() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("searched", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		portfolios.saveProposal(draft.id(), applicant.id(), new Proposal("<b>굵은</b> 강화학습 제안", "초록",
				"본문 <script>alert('x')</script> 강화학습으로 모델을 정렬합니다.", 100L, "GPU"));
		portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(call.id(), "강화학습")).hasSize(1));
		RequestPostProcessor chair = as(fixtures.account("chair", Role.CHAIR));

		mvc.perform(get("/chair/calls/" + call.id() + "/applications").with(chair))
			.andExpect(content().string(containsString("/chair/calls/" + call.id() + "/search")));
		mvc.perform(get("/chair/calls/" + call.id() + "/search").param("q", "강화학습").with(chair))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<mark>강화학습</mark>")))
			.andExpect(content().string(containsString("&lt;script&gt;")))
			.andExpect(content().string(not(containsString("<script>alert"))))
			.andExpect(content().string(not(containsString("<b>굵은"))))
			.andExpect(content().string(containsString("/chair/applications/" + draft.id())))
			.andExpect(content().string(containsString("KAIST")))
			.andExpect(content().string(containsString("자연어 처리")));
		mvc.perform(get("/chair/calls/" + call.id() + "/search").param("q", "reinforcement learning").with(chair))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/chair/applications/" + draft.id())))
			.andExpect(content().string(containsString("id=\"search-widened\"")))
			.andExpect(content().string(containsString("다른 언어와 약어까지 넓혀 찾았습니다: reinforcement learning → 강화학습")));
		mvc.perform(get("/chair/calls/" + call.id() + "/search").param("q", "강화학습").param("lang", "en").with(chair))
			.andExpect(content().string(containsString("Also searched in the other language")));
		mvc.perform(get("/chair/calls/" + call.id() + "/search").param("q", "초록").with(chair))
			.andExpect(content().string(not(containsString("search-widened"))));
		mvc.perform(get("/chair/calls/" + call.id() + "/search").param("q", "강화학습")
			.param("affiliation", "Nowhere University")
			.param("sort", "date")
			.with(chair)).andExpect(status().isOk()).andExpect(content().string(containsString("검색 결과 0건")));
		mvc.perform(get("/chair/calls/" + call.id() + "/search").param("q", "the of").with(chair))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("검색할 낱말이 없습니다")));
		mvc.perform(get("/chair/calls/" + call.id() + "/search").param("q", "x".repeat(5000))
			.param("page", "-3")
			.param("sort", "<script>")
			.param("status", "\"><script>")
			.with(chair)).andExpect(status().isOk()).andExpect(content().string(not(containsString("\"><script>"))));
		mvc.perform(get("/chair/calls/999999/search").with(chair)).andExpect(status().isNotFound());
	}

	@Test
	void onlyChairsMaySearchACall() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		for (Role role : List.of(Role.APPLICANT, Role.REVIEWER, Role.FELLOW)) {
			mvc.perform(get("/chair/calls/" + call.id() + "/search").with(as(fixtures.account("nosy", role))))
				.andExpect(status().isForbidden());
		}
		mvc.perform(get("/chair/calls/" + call.id() + "/search")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/admin/search").with(as(fixtures.account("chair", Role.CHAIR))))
			.andExpect(status().isForbidden());
	}

	@Test
	void aBackendThatIsDownGivesAClearMessageAndAnHonestHealth() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("down", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		flaky.down.set(true);

		assertThat(portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN).status())
			.isEqualTo(ApplicationStatus.SUBMITTED);
		mvc.perform(get("/chair/calls/" + call.id() + "/search").param("q", "모델")
			.with(as(fixtures.account("chair", Role.CHAIR))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("지금은 검색을 사용할 수 없습니다")));
		RequestPostProcessor admin = as(fixtures.account("admin", Role.ADMIN));
		mvc.perform(get("/actuator/health").with(admin))
			.andExpect(jsonPath("$.components.search.status").value("DOWN"));
		mvc.perform(get("/admin/search").with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("응답 없음")));

		flaky.down.set(false);
		mvc.perform(get("/actuator/health").with(admin)).andExpect(jsonPath("$.components.search.status").value("UP"));
	}

	@Test
	void theAdminReindexesEverythingWhileSearchesGoOn() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("reindexed", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(call.id(), applicant);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(call.id(), "모델")).hasSize(1));
		index.remove(Long.toString(submitted.id()));
		index.index(new SearchDocument("424242", call.id(), "SUBMITTED", Set.of(), List.of(), List.of(), "유령 모델", "",
				"", "", List.of(), List.of(), Instant.now()));
		RequestPostProcessor admin = as(fixtures.account("admin", Role.ADMIN));

		mvc.perform(get("/admin").with(admin)).andExpect(content().string(containsString("/admin/search")));
		mvc.perform(post("/admin/search/reindex").with(admin).with(csrf())).andExpect(redirectedUrl("/admin/search"));
		assertThat(ids(call.id(), "")).as("searches keep working meanwhile").isNotEmpty();
		await().atMost(PATIENCE)
			.untilAsserted(() -> mvc.perform(get("/admin/search/progress").with(admin))
				.andExpect(jsonPath("$.state").value("DONE"))
				.andExpect(jsonPath("$.percent").value(100)));

		assertThat(ids(call.id(), "모델")).as("the database is the truth").containsExactly(submitted.id());
		mvc.perform(get("/admin/search").with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("reindex-bar")))
			.andExpect(content().string(containsString("재색인 완료")));
	}

	@Test
	void anIndexOfAnOlderLayoutIsRebuiltAtStartUp() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		ApplicationView submitted = fixtures.submitted(call.id(), fixtures.account("relaid", Role.APPLICANT));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(call.id(), "모델")).hasSize(1));
		index.remove(Long.toString(submitted.id()));

		SearchReindexing.Progress before = reindexing.progress();
		reindexing.rebuildIfTheIndexLayoutChanged();
		assertThat(reindexing.progress()).as("nothing to do for an index of today's layout").isEqualTo(before);

		flaky.layoutChanged.set(true);
		reindexing.rebuildIfTheIndexLayoutChanged();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(reindexing.progress())
				.satisfies(progress -> assertThat(progress.startedAt()).isNotEqualTo(before.startedAt()))
				.extracting(SearchReindexing.Progress::state)
				.isEqualTo(SearchReindexing.State.DONE));
		assertThat(ids(call.id(), "모델")).containsExactly(submitted.id());
	}

	@Test
	void theChairNarrowsByYearAndByAffiliationInAnyCase() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		ApplicationView submitted = fixtures.submitted(call.id(), fixtures.account("yearly", Role.APPLICANT));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(call.id(), "모델")).hasSize(1));
		String year = Integer.toString(Instant.now().atZone(ZoneOffset.UTC).getYear());
		RequestPostProcessor chair = as(fixtures.account("chair", Role.CHAIR));
		String page = "/chair/calls/" + call.id() + "/search";

		mvc.perform(get(page).param("q", "모델").with(chair))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("year=" + year + "&amp;sort=relevance\">" + year + "</a>")));
		mvc.perform(get(page).param("q", "모델").param("year", year).with(chair))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("연도: " + year)))
			.andExpect(content().string(containsString("/chair/applications/" + submitted.id())));
		mvc.perform(get(page).param("q", "모델").param("year", "1999").with(chair))
			.andExpect(content().string(containsString("검색 결과 0건")));
		mvc.perform(get(page).param("q", "모델 affiliation:kaist").with(chair))
			.andExpect(content().string(containsString("/chair/applications/" + submitted.id())));
		mvc.perform(get(page).param("q", "모델").param("affiliation", "kaist").with(chair))
			.andExpect(content().string(containsString("/chair/applications/" + submitted.id())));
	}

	private List<Long> ids(long callId, String text) {
		SearchResults results = index.search(SearchQuery.chair(callId, text));
		return results.ids().stream().map(Long::parseLong).toList();
	}

	private int incompletePublications(long applicationId) {
		return jdbc.queryForObject("""
				select count(*) from event_publication
				where completion_date is null and listener_id like '%ApplicationIndexing%'
				  and event_type like '%ApplicationSubmitted' and serialized_event like ?""", Integer.class,
				"%\"applicationId\":" + applicationId + ",%");
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FlakyIndexConfiguration {

		@Bean
		@Primary
		FlakySearchIndex flakySearchIndex(@Qualifier("searchIndex") SearchIndex searchIndex) {
			return new FlakySearchIndex(searchIndex);
		}

	}

	/** The real index, made to fail on demand. */
	static class FlakySearchIndex implements SearchIndex {

		final AtomicInteger failingWrites = new AtomicInteger();

		final AtomicBoolean down = new AtomicBoolean();

		final AtomicBoolean layoutChanged = new AtomicBoolean();

		private final SearchIndex real;

		FlakySearchIndex(SearchIndex real) {
			this.real = real;
		}

		private void check(boolean write) {
			if (down.get() || (write && failingWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0)) {
				throw new SearchUnavailableException("simulated outage", null);
			}
		}

		@Override
		public void index(SearchDocument document) {
			check(true);
			real.index(document);
		}

		@Override
		public void indexAll(Collection<SearchDocument> documents) {
			check(true);
			real.indexAll(documents);
		}

		@Override
		public void remove(String id) {
			check(true);
			real.remove(id);
		}

		@Override
		public SearchResults search(SearchQuery query) {
			check(false);
			return real.search(query);
		}

		@Override
		public Map<String, Double> similarity(String text, Collection<String> candidateIds) {
			check(false);
			return real.similarity(text, candidateIds);
		}

		@Override
		public Rebuild rebuild() {
			check(true);
			return real.rebuild();
		}

		@Override
		public Health health() {
			return down.get() ? new Health(false, "simulated outage", 0) : real.health();
		}

		@Override
		public String backend() {
			return real.backend();
		}

		@Override
		public boolean needsRebuild() {
			return layoutChanged.get() || real.needsRebuild();
		}

	}

}
