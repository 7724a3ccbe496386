package kr.aifellows.portal.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.TestMailServer;
import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.TestDocuments;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallDefinition;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.calls.Criterion;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.ScreenshotOnFailure.class)
class ApplicationJourneyTests {

	private static final String PASSWORD = "blue-lantern-gradient-4";

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CallCatalog calls;

	@Autowired
	Portfolios portfolios;

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void anApplicantFillsEverySectionUploadsFilesSubmitsAndCannotEditAfterTheDeadline() throws IOException {
		CallSummary call = call("브라우저 여정 공고", Duration.ofDays(7));
		CallSummary closingSoon = call("곧 마감되는 공고", Duration.ofSeconds(20));
		String email = "journey-" + System.nanoTime() + "@test.aifellows.kr";
		AccountView applicant = accounts.createVerified(email, "박지원", PASSWORD, Set.of(Role.APPLICANT));
		long lateDraft = portfolios
			.startOrResume(closingSoon.id(), new Portfolios.Applicant(applicant.id(), email, "박지원"))
			.id();
		Path pdf = Files.write(Files.createTempFile("cv", ".pdf"), TestDocuments.pdf("CV of Park Jiwon"));
		Path docx = Files.write(Files.createTempFile("portfolio", ".docx"), TestDocuments.docx("포트폴리오 강화학습"));

		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);
		browser.login(email, PASSWORD);
		browser.click("#apply-" + call.id());

		browser.type("#nameKo", "박지원");
		browser.type("#nameRomanized", "Jiwon Park");
		browser.type("#orcid", "0000-0002-1825-0097");
		browser.click("input[value='NLP']");
		browser.type("#affiliations0\\.institution", "KAIST");
		browser.type("#affiliations0\\.startYear", "2021");
		browser.click("#save-profile");
		assertThat(browser.text("#saved-notice")).contains("임시 저장");

		browser.type("#bibtex", "@inproceedings{park2025, title={Korean Alignment}, author={Park, Jiwon and Lee, Su},"
				+ " booktitle={ACL}, year={2025}}");
		browser.click("#import-bibtex");
		assertThat(browser.text("#import-result")).contains("1");

		browser.type("#repositoryUrl", "https://github.com/jiwon/kalign");
		browser.type("#role", "maintainer");
		browser.type("#description", "Alignment toolkit for Korean models");
		browser.click("#add-open-source");

		browser.type("#proposal-title", "한국어 모델 정렬");
		browser.type("#proposal-abstract", "초록");
		browser.type("#proposal-body", "연구 계획 본문");
		browser.type("#requestedGpuHours", "2000");
		browser.type("#proposal-justification", "8 GPUs x 250 hours");
		browser.click("#save-proposal");

		browser.find("#upload-CV").sendKeys(pdf.toAbsolutePath().toString());
		browser.click("#upload-submit-CV");
		assertThat(browser.text("#file-CV")).isEqualTo(pdf.getFileName().toString());
		browser.find("#upload-PORTFOLIO").sendKeys(docx.toAbsolutePath().toString());
		browser.click("#upload-submit-PORTFOLIO");
		assertThat(browser.text("#file-PORTFOLIO")).isEqualTo(docx.getFileName().toString());
		// The text is extracted after the upload; the page says where it stands.
		assertThat(browser.text("#extraction-PORTFOLIO")).isIn("텍스트 추출 대기 중 (파일은 저장되었고 제출할 수 있습니다)", "텍스트 추출 완료");
		Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			browser.open("/applicant/applications/" + browser.currentPath().replaceAll("\\D+", ""));
			assertThat(browser.text("#extraction-CV")).isEqualTo("텍스트 추출 완료");
			assertThat(browser.text("#extraction-PORTFOLIO")).isEqualTo("텍스트 추출 완료");
		});

		browser.click("#to-submit");
		assertThat(browser.text("#summary")).contains("Jiwon Park", "한국어 모델 정렬", "KAIST");
		browser.click("#submit-application");
		String receipt = browser.text("#receipt-number");
		assertThat(receipt).startsWith("AIF-");
		assertThat(browser.text("#application-status")).isEqualTo("제출 완료");
		assertThat(browser.has("#save-profile")).isTrue();
		assertThat(browser.shows("#save-profile"))
			.as("a submitted application shows no button that looks as if it acted")
			.isFalse();
		assertThat(browser.find("#nameKo").isEnabled()).as("a submitted application is locked").isFalse();
		assertThat(TestMailServer.body(TestMailServer.awaitMail(email, "접수 확인"))).contains(receipt);
		browser.screenshot("application-submitted");

		// The dashboard shows where it stands, not "apply" again.
		browser.open("/applicant");
		assertThat(browser.text("#applied-" + call.id())).contains("지원서가 있습니다", "제출 완료");
		assertThat(browser.has("#apply-" + call.id())).isFalse();
		assertThat(browser.text("#my-applications li.current")).isEqualTo("제출");
		assertThat(browser.text("#my-applications")).contains("지원서 보기", "작성 계속하기");
		browser.screenshot("applicant-dashboard-submitted");

		waitUntil(closingSoon.closesAt().plusSeconds(1));
		browser.open("/applicant/applications/" + lateDraft);
		browser.type("#nameKo", "마감 후 수정");
		browser.click("#save-profile");
		assertThat(browser.text("#application-problem")).contains("마감 시각이 지났습니다");
	}

	@Test
	void savingOneSectionKeepsWhatWasTypedInTheOthersAndLeavingWithEditsAsksFirst() {
		CallSummary call = call("입력 보존 공고", Duration.ofDays(7));
		String email = "keep-" + System.nanoTime() + "@test.aifellows.kr";
		accounts.createVerified(email, "김보존", PASSWORD, Set.of(Role.APPLICANT));
		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);
		browser.login(email, PASSWORD);
		browser.click("#apply-" + call.id());
		String page = browser.currentPath();
		browser.phoneScreenshot("application");

		// Typed in Profile, saved under Research proposal: both are kept.
		browser.type("#nameKo", "김보존");
		browser.type("#proposal-title", "입력이 사라지지 않는 계획");
		browser.type("#exclusion-name-0", "이경쟁");
		browser.type("#exclusion-reason-0", "경쟁 연구실");
		browser.click("#save-proposal");
		assertThat(browser.text("#saved-notice")).contains("임시 저장");
		browser.open(page);
		assertThat(browser.find("#nameKo").getAttribute("value")).isEqualTo("김보존");
		assertThat(browser.find("#proposal-title").getAttribute("value")).isEqualTo("입력이 사라지지 않는 계획");
		assertThat(browser.find("#exclusion-name-0").getAttribute("value")).isEqualTo("이경쟁");

		// A bad ORCID refuses the save but keeps every field, with a summary linking to
		// the field.
		browser.type("#orcid", "1234");
		browser.type("#proposal-title", "고친 제목");
		browser.type("#publication\\.title", "반쯤 쓴 논문");
		browser.click("#save-proposal");
		assertThat(browser.find("#error-summary a[href='#orcid']").isDisplayed()).isTrue();
		assertThat(browser.find("#orcid").getAttribute("value")).isEqualTo("1234");
		assertThat(browser.find("#proposal-title").getAttribute("value")).isEqualTo("고친 제목");
		assertThat(browser.find("#publication\\.title").getAttribute("value")).isEqualTo("반쯤 쓴 논문");
		assertThat(browser.find("#publication\\.year-error").isDisplayed()).isTrue();
		browser.phoneScreenshot("application-refused-save");

		// Leaving with unsaved edits asks first; staying keeps them.
		browser.type("#nameRomanized", "Bojon Kim");
		assertThat(browser.leavingWouldAsk()).as("unsaved edits").isTrue();
		browser.click("#save-profile");
		assertThat(browser.leavingWouldAsk()).as("everything saved").isFalse();

		// Withdrawing cannot be undone: a dialog asks first, and "cancel" keeps the
		// draft.
		browser.click("#withdraw");
		browser.answerDialog(false);
		assertThat(browser.text("#application-status")).isEqualTo("작성 중");
		browser.click("#withdraw");
		browser.answerDialog(true);
		assertThat(browser.text("#application-status")).isEqualTo("철회함");
	}

	private CallSummary call(String title, Duration closesIn) {
		Instant now = Instant.now();
		return calls.create(
				new CallDefinition(title, "Journey call", "설명", "Description", now.minusSeconds(60), now.plus(closesIn),
						5, 10_000, 3, true, List.of(new Criterion("역량", "Excellence", BigDecimal.ONE, 1, 5, "", ""))),
				"chair@test");
	}

	private static void waitUntil(Instant instant) {
		long millis = Duration.between(Instant.now(), instant).toMillis();
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
