package kr.aifellows.portal.review.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.shared.ResearchArea;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ChairDashboardTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	ReviewerPool pool;

	@Autowired
	Assignments assignments;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void eachCallShowsItsApplicationsByStatusTheDeadlineAndTheRushEachNumberLinkingToItsList() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(2));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		fixtures.completeDraft(call.id(), fixtures.account("draft", Role.APPLICANT));
		fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		ApplicationView withdrawn = fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		portfolios.withdraw(withdrawn.id(), withdrawn.applicantAccountId(), Instant.now());

		String page = dashboard(chair);

		String list = "/chair/calls/" + call.id() + "/applications?status=";
		assertThat(figure(page, call.id(), "DRAFT")).isEqualTo(list + "DRAFT|1");
		assertThat(figure(page, call.id(), "SUBMITTED")).isEqualTo(list + "SUBMITTED|2");
		assertThat(figure(page, call.id(), "WITHDRAWN")).isEqualTo(list + "WITHDRAWN|1");
		String closes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.withZone(ZoneId.of("Asia/Seoul"))
			.format(call.closesAt());
		assertThat(page).containsPattern("마감까지 1일 23시간 5\\d분</strong>\\s*\\(<span>" + closes + " KST</span>\\)");
		// Where JavaScript runs, the countdown goes on from the same words.
		assertThat(page).contains("data-closes-at=\"" + call.closesAt().toEpochMilli() + "\"",
				"data-closes-in=\"마감까지 {0}일 {1}시간 {2}분\"");
		// The rush: the current hour holds the three submissions (the withdrawn one was
		// submitted too), in the table that stands in for the chart without JavaScript.
		String hour = DateTimeFormatter.ofPattern("MM-dd HH:00")
			.withZone(ZoneId.of("Asia/Seoul"))
			.format(Instant.now().truncatedTo(ChronoUnit.HOURS));
		String rush = section(page, "<table tabindex=\"0\" class=\"data\" id=\"rush-" + call.id() + "\">", "</table>");
		assertThat(rush).contains("<td>" + hour + "</td>\n                <td>3</td>");
		assertThat(rush.split("<tr>")).hasSize(1 + 1 + 48);
		assertThat(page).contains("id=\"rush-chart-" + call.id() + "\"");
		assertThat(page).contains("GPU 시간 예산: 0시간 배정, 100,000시간 남음 (전체 100,000시간)");
		assertThat(page).contains("결정을 기다리는 이해 충돌 0건");
	}

	@Test
	void anOverdueReviewerIsListedWithTheProgressAndGetsAtMostOneReminderADay() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(2));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		ApplicationView first = fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		ApplicationView second = fixtures.submitted(call.id(), fixtures.account("app", Role.APPLICANT));
		AccountView late = reviewer("late");
		AccountView done = reviewer("done");
		assignments.startReview(call.id(), chair.email());
		long lateId = reviewerId(late);
		long doneId = reviewerId(done);
		assignments.add(call.id(), first.id(), lateId, chair.email());
		assignments.add(call.id(), second.id(), lateId, chair.email());
		assignments.add(call.id(), first.id(), doneId, chair.email());
		mvc.perform(post("/reviewer/applications/" + first.id() + "/review").with(as(done))
			.with(csrf())
			.param("score", "4", "3")
			.param("confidence", "3")
			.param("action", "submit")).andExpect(flash().attribute("saved", "submitted"));
		jdbc.update("update review_rounds set due_at = now() - interval '1 hour' where call_id = ?", call.id());

		String page = dashboard(chair);

		assertThat(page).contains("배정된 심사 3건 중 1건 제출 (33%)");
		String overdue = section(page, "id=\"overdue-" + call.id() + "\"", "</table>");
		assertThat(overdue).contains("Reviewer late").doesNotContain("Reviewer done");
		assertThat(overdue).contains("id=\"remind-" + call.id() + "-" + lateId + "\"");

		String remind = "/chair/calls/" + call.id() + "/review/reviewers/" + lateId + "/remind";
		mvc.perform(post(remind).with(as(chair)).with(csrf())).andExpect(flash().attribute("reminded", "sent"));
		assertThat(TestMailServer.awaitMail(late.email(), "심사 마감이 지났습니다").getContent().toString()).contains("2건");
		mvc.perform(post(remind).with(as(chair)).with(csrf())).andExpect(flash().attribute("reminded", "already"));
		AccountView otherChair = fixtures.account("chair", Role.CHAIR);
		mvc.perform(post(remind).with(as(otherChair)).with(csrf())).andExpect(flash().attribute("reminded", "already"));
		assertThat(
				jdbc.queryForObject("select count(*) from review_reminders where reviewer_id = ?", Long.class, lateId))
			.isEqualTo(1);
		Thread.sleep(1000);
		assertThat(TestMailServer.countMailsTo(late.email())).isEqualTo(1);
		assertThat(dashboard(chair)).contains("id=\"remind-" + call.id() + "-" + lateId + "\"");

		// A reviewer with nothing overdue gets nothing; an unknown call is not found.
		mvc.perform(post("/chair/calls/" + call.id() + "/review/reviewers/" + doneId + "/remind").with(as(chair))
			.with(csrf())).andExpect(flash().attribute("problem", "reminder.notOverdue"));
		mvc.perform(post("/chair/calls/999999999/review/reviewers/" + lateId + "/remind").with(as(chair)).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(TestMailServer.countMailsTo(done.email())).isZero();
	}

	private String dashboard(AccountView chair) throws Exception {
		return mvc.perform(get("/chair").with(as(chair)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The link of a status count and its number, as "href|number". */
	private static String figure(String page, long callId, String status) {
		var matcher = Pattern
			.compile("<a href=\"([^\"]+)\" id=\"count-" + callId + "-" + status
					+ "\">\\s*<span class=\"figure\">(\\d+)</span>")
			.matcher(page);
		assertThat(matcher.find()).as("count of %s", status).isTrue();
		return matcher.group(1).replace("&amp;", "&") + "|" + matcher.group(2);
	}

	private static String section(String page, String start, String end) {
		int from = page.indexOf(start);
		assertThat(from).as(start).isNotNegative();
		return page.substring(from, page.indexOf(end, from));
	}

	private AccountView reviewer(String prefix) {
		AccountView account = fixtures.account(prefix, Role.REVIEWER);
		pool.invite(new ReviewerPool.NewReviewer("Reviewer " + prefix, account.email(), List.of(),
				Set.of(ResearchArea.NLP)), "chair@test", Locale.KOREAN);
		return account;
	}

	private long reviewerId(AccountView reviewer) {
		return pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).id();
	}

	private RequestPostProcessor as(AccountView account) {
		return user(users.loadUserByUsername(account.email()));
	}

}
