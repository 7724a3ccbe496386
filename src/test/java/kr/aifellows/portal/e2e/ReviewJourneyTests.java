package kr.aifellows.portal.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import kr.aifellows.portal.TestMailServer;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.TestDocuments;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallDefinition;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.calls.Criterion;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.shared.ResearchArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.ScreenshotOnFailure.class)
class ReviewJourneyTests {

	private static final String PASSWORD = "violet-harbour-signal-7";

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CallCatalog calls;

	@Autowired
	Portfolios portfolios;

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void theChairInvitesAReviewerAssignsTheReviewerScoresBlindAndTheApplicantSeesTheDecision() {
		long tag = System.nanoTime();
		CallSummary call = calls.create(new CallDefinition("심사 여정 공고 " + tag, "Review journey " + tag, "설명",
				"Description", Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)), 2, 20_000, 1,
				true, List.of(new Criterion("연구 역량", "Excellence", BigDecimal.ONE, 1, 5, "", ""))), "chair@test");
		String chairEmail = "chair-" + tag + "@test.aifellows.kr";
		accounts.createVerified(chairEmail, "위원장", PASSWORD, Set.of(Role.CHAIR));
		String applicantEmail = "applicant-" + tag + "@test.aifellows.kr";
		AccountView applicant = accounts.createVerified(applicantEmail, "최지원", PASSWORD, Set.of(Role.APPLICANT));
		ApplicationView application = submittedApplication(call, applicant);
		String reviewerEmail = "reviewer-" + tag + "@test.aifellows.kr";

		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);

		// The chair invites a reviewer whose expertise matches the application.
		login(chairEmail);
		browser.click("#reviewer-pool");
		String reviewerName = "박심사" + tag % 100_000;
		browser.type("#reviewer-name", reviewerName);
		browser.type("#reviewer-email", reviewerEmail);
		browser.click("input[name=areas][value=AI_FOR_SCIENCE]");
		browser.click("#invite-reviewer");
		assertThat(browser.text("#invited-notice")).contains(reviewerEmail);
		browser.click("#logout");

		// The reviewer accepts by the link in the mail.
		browser.open(TestMailServer.linkPath(TestMailServer.awaitMail(reviewerEmail, ""), "/invitations/accept"));
		browser.type("#displayName", "박심사");
		browser.type("#password", PASSWORD);
		browser.type("#passwordConfirmation", PASSWORD);
		browser.click("main form.stacked button[type=submit]");

		// The chair starts the review and runs the automatic assignment.
		login(chairEmail);
		browser.open("/chair/calls/" + call.id() + "/review");
		// The call is still open: starting asks first, and says so.
		browser.click("#start-review");
		assertThat(browser.text("#start-early")).contains("아직 모집 중");
		browser.click("#confirm-start");
		assertThat(browser.has("#start-review")).as("started once, nothing new to add").isFalse();
		assertThat(browser.text("#call-steps li.current")).isEqualTo("심사");
		browser.click("#run-assignment");
		assertThat(browser.text("#assignment-outcome")).contains("1");
		assertThat(browser.text("#application-" + application.id())).contains("박심사");
		assertThat(browser.text("#add-reviewer-" + application.id())).as("an assigned reviewer is not offered again")
			.doesNotContain(reviewerName);
		// The chair's home counts the call's applications and its review, each number a
		// link to the list behind it; a reviewer past the due date gets one reminder a
		// day.
		browser.open("/chair");
		assertThat(browser.text("#count-" + call.id() + "-UNDER_REVIEW")).contains("1");
		assertThat(browser.text("#countdown-" + call.id())).contains("마감까지 6일 23시간", "KST");
		assertThat(browser.text("#progress-" + call.id())).contains("배정된 심사 1건 중 0건 제출");
		assertThat(browser.shows("#no-overdue-" + call.id())).isTrue();
		jdbc.update("update review_rounds set due_at = now() - interval '1 hour' where call_id = ?", call.id());
		long reviewerId = jdbc.queryForObject("select id from reviewers where email = ?", Long.class, reviewerEmail);
		browser.open("/chair");
		browser.homeScreenshots("chair-home");
		browser.click("#remind-" + call.id() + "-" + reviewerId);
		assertThat(browser.text("#reminder-sent")).isNotBlank();
		TestMailServer.awaitMail(reviewerEmail, "심사 마감이 지났습니다");
		browser.click("#remind-" + call.id() + "-" + reviewerId);
		assertThat(browser.text("#reminder-already")).contains("하루에 한 번");
		jdbc.update("update review_rounds set due_at = now() + interval '14 days' where call_id = ?", call.id());
		browser.click("#count-" + call.id() + "-UNDER_REVIEW");
		assertThat(browser.currentPath()).isEqualTo("/chair/calls/" + call.id() + "/applications?status=UNDER_REVIEW");
		// The search shows its results first: the filters beside them on a wide screen,
		// folded above them on a phone.
		browser.open("/chair/calls/" + call.id() + "/search?q=" + application.proposal().title().split(" ")[0]);
		assertThat(browser.shows("#facet-area")).isTrue();
		assertThat(browser.left("#facets")).as("the filters are to the right of the results")
			.isGreaterThan(browser.left("#search-hits"));
		assertThat(browser.onAPhone(() -> browser.shows("#facet-area"))).as("folded on a phone").isFalse();
		assertThat(browser.onAPhone(() -> browser.shows("#facets summary"))).isTrue();
		browser.screenshot("chair-search");
		browser.phoneScreenshot("chair-search-390-after");
		browser.click("#logout");

		// The reviewer sees only the anonymised application and scores it.
		login(reviewerEmail);
		browser.open("/reviewer");
		assertThat(browser.text("#progress-" + call.id())).as("the queue's progress").contains("1건 중 0건 제출");
		browser.homeScreenshots("reviewer-home");
		browser.click("#open-" + application.id());
		assertThat(browser.text("#blind-notice")).isNotBlank();
		assertThat(browser.text("main")).doesNotContain("최지원", "Jiwon Choi", applicantEmail, "Pohang");
		// A score out of the scale is refused, and nothing typed is lost: the error is
		// beside the field.
		browser.type("#score-0", "9");
		browser.type("#commentsToApplicant", "초안 의견");
		browser.click("#submit-review");
		assertThat(browser.text("#score-0-error")).contains("1", "5");
		assertThat(browser.find("#error-summary a").getAttribute("href")).endsWith("#score-0");
		assertThat(browser.find("#score-0").getAttribute("value")).isEqualTo("9");
		assertThat(browser.find("#commentsToApplicant").getAttribute("value")).isEqualTo("초안 의견");
		browser.phoneScreenshot("review-refused-score");
		// The second attempt by keyboard only: Tab from the error summary (which has the
		// focus) to each field, replace what is there, and press Enter on the button.
		browser.tabTo("#score-0");
		browser.typeKeys(Keys.chord(Keys.CONTROL, "a") + "5");
		browser.tabTo("#confidence");
		browser.typeKeys("4");
		browser.tabTo("#commentsToApplicant");
		browser.typeKeys(Keys.chord(Keys.CONTROL, "a") + "명확하고 야심 찬 계획입니다.");
		browser.tabTo("#submit-review");
		browser.pressEnter();
		assertThat(browser.text("#review-saved")).isNotBlank();
		browser.open("/reviewer");
		assertThat(browser.text("#progress-" + call.id())).contains("1건 중 1건 제출");
		browser.click("#logout");

		// The chair sees the ranking with its charts, selects the application and
		// publishes.
		login(chairEmail);
		browser.open("/chair/calls/" + call.id() + "/ranking");
		assertThat(browser.text("#rank-" + application.id())).contains("100.0");
		browser.phoneScreenshot("ranking");
		browser.find("#distribution-chart[data-drawn]");
		browser.type("#hours-" + application.id(), "12000");
		browser.type("#rationale-" + application.id(), "최고 점수, 계획 명확");
		browser.click("#decide-" + application.id());
		assertThat(browser.text("#budget-left")).isEqualTo("8000");
		browser.click("#publish-decisions");
		assertThat(browser.text("#publish-count-SELECTED")).isEqualTo("1");
		assertThat(browser.text("#publish-hours")).isEqualTo("12000");
		assertThat(browser.text("#mail-preview-SELECTED")).contains("선정");
		browser.screenshot("publish-confirm");
		browser.click("#confirm-publish");
		assertThat(browser.text("#published-notice")).contains("1");
		assertThat(browser.has("#publish-decisions")).as("nothing left to publish").isFalse();
		browser.open("/chair");
		assertThat(browser.text("#envelope-" + call.id())).contains("12,000시간 배정", "8,000시간 남음");
		assertThat(browser.text("#progress-" + call.id())).contains("1건 중 1건 제출");
		browser.click("#logout");

		// The applicant sees the decision.
		login(applicantEmail);
		browser.open("/applicant");
		browser.homeScreenshots("applicant-home");
		browser.click("#my-decisions");
		assertThat(browser.text("#decision-" + application.id())).contains("선정")
			.contains("12,000")
			.contains("명확하고 야심 찬 계획입니다.");
		browser.open("/applicant/applications/" + application.id());
		assertThat(browser.text("#application-status")).isEqualTo("선정");
	}

	private void login(String email) {
		browser.open("/login");
		browser.type("#email", email);
		browser.type("#password", PASSWORD);
		browser.click("#login-submit");
		// Wait for the signed-in page: opening the next page earlier races the login's
		// redirect.
		browser.find("#signed-in-as");
	}

	private ApplicationView submittedApplication(CallSummary call, AccountView applicant) {
		Portfolios.Applicant who = new Portfolios.Applicant(applicant.id(), applicant.email(), applicant.displayName());
		long id = portfolios.startOrResume(call.id(), who).id();
		portfolios.saveProfile(id, applicant.id(), new Profile("최지원", "Jiwon Choi", null,
				Set.of(ResearchArea.AI_FOR_SCIENCE), List.of(new Affiliation("Pohang Institute", "MS", 2022, null))));
		portfolios.saveProposal(id, applicant.id(),
				new Proposal("단백질 구조 예측을 위한 확산 모델", "초록", "본문", 12_000L, "16 GPUs for 2 months"));
		portfolios.uploadFile(id, applicant.id(), FileKind.CV, "cv.pdf", TestDocuments.pdf("CV of Jiwon Choi"));
		return portfolios.submit(id, applicant.id(), Instant.now(), Locale.KOREAN);
	}

}
