package kr.aifellows.portal.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.fellows.TopUpRequest;
import kr.aifellows.portal.fellows.TopUps;
import kr.aifellows.portal.notifications.Notifications.NotificationView;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.decisions.DecisionOutcome;
import kr.aifellows.portal.review.decisions.Decisions;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.shared.ResearchArea;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class NotificationsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Notifications notifications;

	@Autowired
	ReviewerPool pool;

	@Autowired
	Assignments assignments;

	@Autowired
	Decisions decisions;

	@Autowired
	TopUps topUps;

	@Autowired
	UserDetailsService users;

	@Test
	void submissionAssignmentAndDecisionEachNotifyThePersonConcernedInTheHeaderUntilRead() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		AccountView applicant = fixtures.account("app", Role.APPLICANT);
		ApplicationView application = fixtures.submitted(call.id(), applicant);

		NotificationView submitted = awaitNotification(applicant, "SUBMITTED");
		assertThat(submitted.argument()).isEqualTo(application.receiptNumber());
		mvc.perform(get("/applicant").with(as(applicant)))
			.andExpect(content()
				.string(containsString("<span class=\"badge\" id=\"unread-count\" aria-hidden=\"true\">1</span>")))
			.andExpect(content().string(containsString("aria-label=\"알림, 읽지 않은 알림 1건\"")));
		mvc.perform(get("/notifications").with(as(applicant)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("지원서를 제출했습니다. 접수 번호 " + application.receiptNumber())));
		mvc.perform(post("/notifications/" + submitted.id() + "/read").with(as(applicant)).with(csrf()))
			.andExpect(redirectedUrl("/applicant/applications/" + application.id()));
		mvc.perform(get("/applicant").with(as(applicant)))
			.andExpect(content().string(not(containsString("id=\"unread-count\""))));

		AccountView reviewer = fixtures.account("reviewer", Role.REVIEWER);
		pool.invite(new ReviewerPool.NewReviewer("Reviewer", reviewer.email(), List.of(), Set.of(ResearchArea.NLP)),
				chair.email(), Locale.KOREAN);
		long reviewerId = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
		assignments.startReview(call.id(), chair.email());
		assignments.add(call.id(), application.id(), reviewerId, chair.email());
		assertThat(awaitNotification(reviewer, "ASSIGNED").link())
			.isEqualTo("/reviewer/applications/" + application.id());

		decisions.decide(call.id(), application.id(), DecisionOutcome.SELECTED, "Excellent", 100L, chair.email());
		decisions.publish(call.id(), chair.email());
		assertThat(awaitNotification(applicant, "DECISION_SELECTED").link()).isEqualTo("/applicant/decisions");
		mvc.perform(get("/notifications").with(as(applicant)))
			.andExpect(content().string(containsString("심사 결과가 발표되었습니다: 선정")));
		mvc.perform(post("/notifications/read").with(as(applicant)).with(csrf()))
			.andExpect(redirectedUrl("/notifications"));
		assertThat(notifications.recent(applicant.id(), 10)).hasSize(2).noneMatch(NotificationView::unread);
	}

	@Test
	void anAnsweredTopUpNotifiesTheFellowOnceAndNobodyElseCanOpenIt() throws Exception {
		AccountView fellow = fixtures.account("fellow", Role.FELLOW);
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		TopUpRequest request = topUps.request(fellow.id(), fellow.email(), 7, "A longer run of the ablation study.");
		topUps.approve(request.id(), chair.email());

		NotificationView approved = awaitNotification(fellow, "TOP_UP_APPROVED");
		mvc.perform(get("/notifications").with(as(fellow)))
			.andExpect(content().string(containsString("GPU 시간 7시간 추가 요청이 승인되었습니다.")));
		// The listener may see the event again after a restart: still one notification.
		notifications.notify(fellow.id(), "TOP_UP_APPROVED", "7", "/fellow#top-up", "top-up:" + request.id());
		assertThat(notifications.recent(fellow.id(), 10)).hasSize(1);

		AccountView other = fixtures.account("other", Role.FELLOW);
		mvc.perform(post("/notifications/" + approved.id() + "/read").with(as(other)).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(notifications.recent(fellow.id(), 10)).allMatch(NotificationView::unread);
		mvc.perform(get("/notifications").with(as(other)))
			.andExpect(content().string(containsString("id=\"no-notifications\"")));
	}

	private NotificationView awaitNotification(AccountView account, String kind) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> notifications.recent(account.id(), 20)
				.stream()
				.filter(n -> n.kind().equals(kind))
				.findFirst()
				.orElse(null), n -> n != null);
	}

	private RequestPostProcessor as(AccountView account) {
		return user(users.loadUserByUsername(account.email()));
	}

}
