package kr.aifellows.portal.review;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.ApplicationStatus;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.ExcludedPerson;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.blind.BlindLevel;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.privacy.AccessAction;
import kr.aifellows.portal.privacy.AccessRecords;
import kr.aifellows.portal.review.assignment.AssignmentState;
import kr.aifellows.portal.review.assignment.AssignmentView;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.conflicts.ConflictChecks;
import kr.aifellows.portal.review.conflicts.ConflictSeverity;
import kr.aifellows.portal.review.conflicts.ConflictSource;
import kr.aifellows.portal.review.conflicts.ConflictView;
import kr.aifellows.portal.review.decisions.DecisionOutcome;
import kr.aifellows.portal.review.decisions.Decisions;
import kr.aifellows.portal.review.decisions.FellowSelected;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.scoring.ReviewView;
import kr.aifellows.portal.review.scoring.Reviewing;
import kr.aifellows.portal.shared.ResearchArea;
import kr.aifellows.portal.system.AuditLog;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.data.Offset;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@RecordApplicationEvents
@Import(PortfolioFixtures.class)
class ReviewWorkflowTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	ReviewerPool pool;

	@Autowired
	Assignments assignments;

	@Autowired
	Reviewing reviewing;

	@Autowired
	Decisions decisions;

	@Autowired
	ConflictChecks conflicts;

	@Autowired
	Portfolios portfolios;

	@Autowired
	CallCatalog calls;

	@Autowired
	AccountManagement accounts;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AccessRecords accessRecords;

	@Test
	void aBlindReviewerSeesOnlyAnAssignedApplicationScoresWithinTheScaleAndSeesOthersAfterSubmitting()
			throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		ApplicationView application = fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		AccountView first = reviewerAccount("first");
		AccountView second = reviewerAccount("second");
		String page = "/reviewer/applications/" + application.id();

		mvc.perform(get(page).with(as(first))).andExpect(status().isNotFound());
		mvc.perform(get("/reviewer/applications/999999999").with(as(first))).andExpect(status().isNotFound());
		assign(chair, call, application, first);
		assign(chair, call, application, second);

		mvc.perform(get(page).with(as(first)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("강화학습 기반 한국어 모델 정렬")))
			.andExpect(content().string(containsString("blind-notice")))
			.andExpect(content().string(containsString("저자 2명 중 1번째")))
			.andExpect(content().string(containsString("숨긴 정보: 지원자와 공저자의 이름")))
			.andExpect(content().string(not(containsString("Minsu Kim"))))
			.andExpect(content().string(not(containsString("홍길동"))))
			.andExpect(content().string(not(containsString("Gil-dong Hong"))))
			.andExpect(content().string(not(containsString(application.applicantEmail()))))
			.andExpect(content().string(not(containsString("KAIST"))))
			.andExpect(content().string(not(containsString("/files/"))))
			.andExpect(content().string(containsString("others-hidden")));
		mvc.perform(get(page + "/files/" + application.files().get(0).id()).with(as(first)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/chair/calls/" + call.id() + "/review/applications/" + application.id()).with(as(chair)))
			.andExpect(status().isOk());
		assertThat(accessRecords.search(Instant.EPOCH, Instant.now().plusSeconds(60), null,
				application.applicantAccountId(), 10))
			.extracting(AccessRecords.AccessRecordView::actor, AccessRecords.AccessRecordView::action,
					AccessRecords.AccessRecordView::target)
			.containsExactly(
					Tuple.tuple(chair.email(), AccessAction.VIEW, "application:" + application.id() + " reviews"),
					Tuple.tuple(first.email(), AccessAction.VIEW, "application:" + application.id()));

		mvc.perform(post(page + "/review").with(as(first))
			.with(csrf())
			.param("score", "7", "3")
			.param("confidence", "3")
			.param("action", "submit")).andExpect(flash().attribute("problem", "review.scoreOutOfScale"));
		assertThat(reviewing.reviewsOf(application.id())).isEmpty();

		mvc.perform(
				post(page + "/review").with(as(first)).with(csrf()).param("score", "4", "").param("action", "draft"))
			.andExpect(flash().attribute("saved", "draft"));
		mvc.perform(
				post(page + "/review").with(as(first)).with(csrf()).param("score", "4", "").param("action", "submit"))
			.andExpect(flash().attribute("problem", "review.incomplete"));

		mvc.perform(post(page + "/review").with(as(second))
			.with(csrf())
			.param("score", "5", "5")
			.param("confidence", "4")
			.param("commentsToApplicant", "Second reviewer's remark")
			.param("action", "submit")).andExpect(flash().attribute("saved", "submitted"));
		mvc.perform(get(page).with(as(first)))
			.andExpect(content().string(not(containsString("Second reviewer&#39;s remark"))));
		mvc.perform(post(page + "/discussion").with(as(first)).with(csrf()).param("body", "too early"))
			.andExpect(flash().attribute("problem", "discussion.submitFirst"));

		mvc.perform(post(page + "/review").with(as(first))
			.with(csrf())
			.param("score", "4", "3")
			.param("confidence", "3")
			.param("action", "submit")).andExpect(flash().attribute("saved", "submitted"));
		mvc.perform(get(page).with(as(first)))
			.andExpect(content().string(containsString("Second reviewer&#39;s remark")));

		List<ReviewView> reviews = reviewing.reviewsOf(application.id());
		assertThat(reviews).hasSize(2).allMatch(ReviewView::submitted);
		// Weights 0.6 and 0.4 on 1..5: (0.6 * 3/4 + 0.4 * 2/4) * 100 = 65.
		assertThat(reviews).anySatisfy(r -> assertThat(r.weightedScore()).isCloseTo(65.0, Offset.offset(1e-9)));
		assertThat(auditLog.search("APPLICATION_VIEWED", first.email(), PageRequest.of(0, 5)).getTotalElements())
			.isPositive();
		assertThat(auditLog.search("REVIEW_SUBMITTED", first.email(), PageRequest.of(0, 5)).getTotalElements())
			.isEqualTo(1);

		mvc.perform(post("/chair/calls/" + call.id() + "/review/start").with(as(chair))
			.with(csrf())
			.param("confirmed", "true"));
		mvc.perform(post("/chair/calls/" + call.id() + "/review/lock").with(as(chair))
			.with(csrf())
			.param("locked", "true"));
		mvc.perform(post(page + "/review").with(as(first))
			.with(csrf())
			.param("score", "1", "1")
			.param("confidence", "3")
			.param("action", "submit")).andExpect(flash().attribute("problem", "review.locked"));
		mvc.perform(get("/chair/calls/" + call.id() + "/ranking").with(as(chair)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("ranking-table")))
			.andExpect(content().string(containsString("distribution-chart")));

		String full = workbookText(download(
				get("/chair/calls/" + call.id() + "/score-sheet.xlsx").param("reason", "committee").with(as(chair))));
		assertThat(full).contains("홍길동", application.applicantEmail(), "Second reviewer's remark", "65");
		String anonymised = workbookText(
				download(get("/chair/calls/" + call.id() + "/score-sheet.xlsx").param("anonymised", "true")
					.param("reason", "committee")
					.with(as(chair))));
		assertThat(anonymised).contains(application.receiptNumber(), "R1", "R2")
			.doesNotContain("홍길동", application.applicantEmail(), "Reviewer first");
		mvc.perform(get("/chair/calls/" + call.id() + "/score-sheet.xlsx").with(as(first)))
			.andExpect(status().isForbidden());
	}

	private byte[] download(MockHttpServletRequestBuilder request) throws Exception {
		var started = mvc.perform(request).andReturn();
		return mvc.perform(MockMvcRequestBuilders.asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}

	private static String workbookText(byte[] xlsx) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
			StringBuilder text = new StringBuilder();
			DataFormatter formatter = new DataFormatter();
			workbook.forEach(sheet -> sheet
				.forEach(row -> row.forEach(cell -> text.append(formatter.formatCellValue(cell)).append('|'))));
			return text.toString();
		}
	}

	@Test
	void aConflictThatAppearsLaterTakesTheApplicationOutOfTheQueueAndOnlyAReasonedWaiverBringsItBack()
			throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		ApplicationView application = fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		AccountView reviewer = reviewerAccount("coauthor");
		assign(chair, call, application, reviewer);
		mvc.perform(get("/reviewer").with(as(reviewer)))
			.andExpect(content().string(containsString("open-" + application.id())));

		// The reviewer adds a recent paper written with the applicant, romanised
		// differently.
		mvc.perform(post("/reviewer/profile/publications").with(as(reviewer))
			.with(csrf())
			.param("title", "Joint work")
			.param("venue", "EMNLP")
			.param("year", "2025")
			.param("authors", "Jane Reviewer\nHONG Gildong"));

		mvc.perform(get("/reviewer/applications/" + application.id()).with(as(reviewer)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/reviewer").with(as(reviewer)))
			.andExpect(content().string(not(containsString("open-" + application.id()))));
		assertThat(assignments.forCall(call.id())).singleElement()
			.satisfies(a -> assertThat(a.state()).isEqualTo(AssignmentState.CONFLICTED));

		long reviewerId = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
		mvc.perform(post("/chair/calls/" + call.id() + "/review/assignments").with(as(chair))
			.with(csrf())
			.param("applicationId", Long.toString(application.id()))
			.param("reviewerId", Long.toString(reviewerId)))
			.andExpect(flash().attribute("problem", "assignment.conflicted"));

		ConflictView conflict = conflicts.forCall(call.id())
			.stream()
			.filter(c -> c.reviewerId() == reviewerId)
			.findFirst()
			.orElseThrow();
		assertThat(conflict.source()).isEqualTo(ConflictSource.COAUTHOR);
		assertThat(conflict.severity()).isEqualTo(ConflictSeverity.HIGH);
		String waive = "/chair/calls/" + call.id() + "/review/conflicts/" + conflict.id() + "/waive";
		mvc.perform(post(waive).with(as(chair)).with(csrf()).param("reason", "  "))
			.andExpect(flash().attribute("problem", "conflict.reasonRequired"));
		assertThat(conflicts.isConflicted(application.id(), reviewerId)).isTrue();

		mvc.perform(post(waive).with(as(chair)).with(csrf()).param("reason", "Paper was a 200-author consortium"));
		assertThat(conflicts.isConflicted(application.id(), reviewerId)).isFalse();
		assertThat(auditLog.search("CONFLICT_WAIVED", "consortium", PageRequest.of(0, 5)).getTotalElements())
			.isEqualTo(1);
		assign(chair, call, application, reviewer);
		mvc.perform(get("/reviewer/applications/" + application.id()).with(as(reviewer))).andExpect(status().isOk());
	}

	@Test
	void automaticAssignmentGivesEveryApplicationKConflictFreeReviewersAndNeverTheExcludedOrTheApplicant() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		AccountView excluded = reviewerAccount("excluded");
		AccountView applicantAccount = fixtures.account("app", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicantAccount);
		portfolios.saveExclusions(draft.id(), applicantAccount.id(),
				List.of(new ExcludedPerson("Former Boss", excluded.email(), "competitor")));
		ApplicationView excluding = portfolios.submit(draft.id(), applicantAccount.id(), Instant.now(), Locale.KOREAN);
		ApplicationView other = fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		// The applicant was invited as a reviewer under a second, never confirmed
		// address.
		pool.invite(new ReviewerPool.NewReviewer("Someone Else", applicantAccount.email().replace("@", "+reviewer@"),
				List.of(), Set.of(ResearchArea.NLP)), chair.email(), Locale.KOREAN);
		for (int i = 0; i < 4; i++) {
			reviewerAccount("panel");
		}

		Assignments.Outcome outcome = assignments.run(call.id(), chair.email());

		assertThat(outcome.feasible()).isTrue();
		List<AssignmentView> active = assignments.forCall(call.id())
			.stream()
			.filter(a -> a.state() == AssignmentState.ACTIVE)
			.toList();
		long excludedId = pool.me(excluded.id(), excluded.email(), excluded.displayName()).id();
		for (ApplicationView application : List.of(excluding, other)) {
			assertThat(active.stream().filter(a -> a.applicationId() == application.id()))
				.hasSize(call.reviewsPerApplication())
				.allSatisfy(a -> assertThat(conflicts.isConflicted(a.applicationId(), a.reviewerId())).isFalse());
		}
		assertThat(active).noneMatch(a -> a.applicationId() == excluding.id() && a.reviewerId() == excludedId);
		assertThat(conflicts.forCall(call.id())).anySatisfy(c -> {
			assertThat(c.applicationId()).isEqualTo(excluding.id());
			assertThat(c.source()).isEqualTo(ConflictSource.SELF);
		});
		assertThat(conflicts.forCall(call.id())).anySatisfy(c -> {
			assertThat(c.reviewerId()).isEqualTo(excludedId);
			assertThat(c.source()).isEqualTo(ConflictSource.NAMED_BY_APPLICANT);
		});
	}

	@Test
	void decisionsNeverExceedTheEnvelopeEvenConcurrentlyAndPublishingMakesFellowsAndTellsApplicants(
			ApplicationEvents events) throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		AccountView winner = fixtures.account("winner", Role.APPLICANT);
		ApplicationView selected = fixtures.submitted(call.id(), winner);
		ApplicationView rejected = fixtures.submitted(call.id(), fixtures.account("loser", Role.APPLICANT));
		List<ApplicationView> racers = List.of(fixtures.submitted(call.id(), fixtures.account("racer", Role.APPLICANT)),
				fixtures.submitted(call.id(), fixtures.account("racer", Role.APPLICANT)));

		assertThatThrownBy(
				() -> decisions.decide(call.id(), selected.id(), DecisionOutcome.SELECTED, "great", 10L, chair.email()))
			.hasMessage("round.notStarted");
		assignments.startReview(call.id(), chair.email());
		assertThat(portfolios.get(selected.id(), winner.id()).status()).isEqualTo(ApplicationStatus.UNDER_REVIEW);

		mvc.perform(post("/chair/calls/" + call.id() + "/decisions/" + selected.id()).with(as(chair))
			.with(csrf())
			.param("outcome", "SELECTED")
			.param("rationale", "Excellent")
			.param("gpuHours", "100001")).andExpect(flash().attribute("problem", "decision.overEnvelope"));
		mvc.perform(post("/chair/calls/" + call.id() + "/decisions/" + selected.id()).with(as(chair))
			.with(csrf())
			.param("outcome", "SELECTED")
			.param("rationale", "")).andExpect(flash().attribute("problem", "decision.rationaleRequired"));
		assertThat(decisions.forCall(call.id())).isEmpty();

		decisions.decide(call.id(), selected.id(), DecisionOutcome.SELECTED, "Excellent", 50_000L, chair.email());
		decisions.decide(call.id(), rejected.id(), DecisionOutcome.REJECTED, "Weak plan", null, chair.email());

		// Two chairs grant 30,000 hours each at the same time; only 50,000 are left for
		// both.
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Boolean>> results = new ArrayList<>();
		for (ApplicationView racer : racers) {
			Callable<Boolean> task = () -> {
				start.await();
				try {
					decisions.decide(call.id(), racer.id(), DecisionOutcome.SELECTED, "Good", 30_000L, chair.email());
					return true;
				}
				catch (ReviewException ex) {
					assertThat(ex.code()).isEqualTo("decision.overEnvelope");
					assertThat(ex.arguments()[1]).isEqualTo(20_000L);
					return false;
				}
			};
			results.add(pool.submit(task));
		}
		start.countDown();
		int granted = 0;
		for (Future<Boolean> result : results) {
			granted += result.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(granted).isEqualTo(1);
		assertThat(decisions.budget(call.id()).granted()).isEqualTo(80_000L);

		mvc.perform(post("/chair/calls/" + call.id() + "/decisions/publish").with(as(chair)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"confirm-publish\"")));
		assertThat(portfolios.get(selected.id(), winner.id()).status()).as("nothing published before confirming")
			.isEqualTo(ApplicationStatus.UNDER_REVIEW);
		// The racer that lost has no decision: publishing waits until the chair chooses
		// the decided ones only.
		mvc.perform(post("/chair/calls/" + call.id() + "/decisions/publish").with(as(chair))
			.with(csrf())
			.param("confirmed", "true")).andExpect(content().string(containsString("id=\"decided-only-error\"")));
		mvc.perform(post("/chair/calls/" + call.id() + "/decisions/publish").with(as(chair))
			.with(csrf())
			.param("confirmed", "true")
			.param("decidedOnly", "true")).andExpect(flash().attribute("published", 3));
		mvc.perform(post("/chair/calls/" + call.id() + "/decisions/publish").with(as(chair))
			.with(csrf())
			.param("confirmed", "true")
			.param("decidedOnly", "true")).andExpect(content().string(containsString("id=\"nothing-to-publish\"")));

		assertThat(portfolios.get(selected.id(), winner.id()).status()).isEqualTo(ApplicationStatus.SELECTED);
		assertThat(accounts.findByEmail(winner.email()).orElseThrow().has(Role.FELLOW)).isTrue();
		assertThat(events.stream(FellowSelected.class).filter(e -> e.applicationId() == selected.id())).singleElement()
			.satisfies(e -> {
				assertThat(e.accountId()).isEqualTo(winner.id());
				assertThat(e.gpuHours()).isEqualTo(50_000L);
				assertThat(e.callId()).isEqualTo(call.id());
				assertThat(e.periodEnd()).isAfter(e.periodStart());
			});
		assertThat(TestMailServer.body(TestMailServer.awaitMail(winner.email(), "심사 결과"))).contains("50,000");
		TestMailServer.awaitMail(rejected.applicantEmail(), "심사 결과");
		mvc.perform(get("/applicant/decisions").with(as(winner)))
			.andExpect(content().string(containsString("decision-" + selected.id())))
			.andExpect(content().string(containsString("선정")));
		assertThatThrownBy(() -> decisions.decide(call.id(), selected.id(), DecisionOutcome.REJECTED, "changed mind",
				null, chair.email()))
			.hasMessage("decision.published");
	}

	@Test
	void aStrictBlindCallAlsoHidesTitlesAndRepositoriesAndTheReviewerIsToldSo() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("strict-chair", Role.CHAIR);
		calls.setBlindLevel(call.id(), BlindLevel.STRICT, chair.email());
		ApplicationView application = fixtures.submitted(call.id(), fixtures.account("strict-app", Role.APPLICANT));
		AccountView reviewer = reviewerAccount("strict-reviewer");
		assign(chair, call, application, reviewer);

		mvc.perform(get("/reviewer/applications/" + application.id()).with(as(reviewer))
			.cookie(new Cookie("portal-lang", "en")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1st of 2 authors")))
			.andExpect(content().string(containsString("Hidden: the names of the applicant and co-authors")))
			.andExpect(content().string(containsString("publication titles")))
			.andExpect(content().string(containsString("[title hidden]")))
			.andExpect(content().string(containsString("[repository hidden]")))
			.andExpect(content().string(containsString("Evaluation harness")))
			.andExpect(content().string(not(containsString("Korean LLM evaluation"))))
			.andExpect(content().string(not(containsString("korean-llm"))))
			.andExpect(content().string(not(containsString("Minsu Kim"))));
		mvc.perform(get("/chair/calls/" + call.id() + "/applications").with(as(chair)))
			.andExpect(content().string(containsString("엄격 (제목·저장소도 숨김)")));
	}

	private AccountView reviewerAccount(String prefix) {
		AccountView account = fixtures.account(prefix, Role.REVIEWER);
		pool.invite(new ReviewerPool.NewReviewer("Reviewer " + prefix, account.email(), List.of(),
				Set.of(ResearchArea.NLP)), "chair@test", Locale.KOREAN);
		return account;
	}

	@Test
	void removingAReviewerAsksFirstOnAPageAndThenEndsTheirReview() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		ApplicationView application = fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		AccountView reviewer = reviewerAccount("removed");
		assign(chair, call, application, reviewer);
		AssignmentView assignment = assignments.forCall(call.id()).getFirst();
		String remove = "/chair/calls/" + call.id() + "/review/assignments/" + assignment.id() + "/remove";

		mvc.perform(post(remove).with(as(chair)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"confirm-remove\"")))
			.andExpect(content().string(containsString("#" + application.id())));
		assertThat(assignments.forCall(call.id()).getFirst().state()).as("nothing changed before the answer")
			.isEqualTo(AssignmentState.ACTIVE);
		mvc.perform(get("/reviewer/applications/" + application.id()).with(as(reviewer))).andExpect(status().isOk());

		mvc.perform(post(remove).param("confirmed", "true").with(as(chair)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(assignments.forCall(call.id()).getFirst().state()).isEqualTo(AssignmentState.REMOVED);
		mvc.perform(get("/reviewer/applications/" + application.id()).with(as(reviewer)))
			.andExpect(status().isNotFound());
	}

	private void assign(AccountView chair, CallSummary call, ApplicationView application, AccountView reviewer)
			throws Exception {
		long reviewerId = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
		mvc.perform(post("/chair/calls/" + call.id() + "/review/assignments").with(as(chair))
			.with(csrf())
			.param("applicationId", Long.toString(application.id()))
			.param("reviewerId", Long.toString(reviewerId))).andExpect(flash().attributeCount(0));
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
