package kr.aifellows.portal.e2e;

import java.time.Duration;
import java.util.function.Supplier;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.gpu.GpuAllocations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.ScreenshotOnFailure.class)
class FellowGpuJourneyTests {

	private static final String PASSWORD = "gpu-journey-password-7";

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	GpuAllocations allocations;

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void aFellowWatchesAJobRunAndFinishSeesTheChargeAndCancelsASecondJob() {
		String email = E2eFellows.withHours(accounts, allocations, "gpu-journey", "윤펠로", PASSWORD, 5);
		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);

		browser.open("/login");
		browser.type("#email", email);
		browser.type("#password", PASSWORD);
		browser.click("#login-submit");
		browser.find("#signed-in-as");
		browser.open("/fellow");
		assertThat(browser.text("#balance-available")).isEqualTo("5.00");
		browser.click("#new-job");
		browser.type("#name", "first-run");
		browser.type("#script", "echo step-one; sleep 3; echo step-two");
		browser.type("#gpusPerNode", "2");
		browser.type("#timeLimitMinutes", "15");
		assertThat(browser.text("#form-hold")).as("the hold is shown as the form changes").isEqualTo("0.5000");
		assertThat(browser.shows("#form-hold-over")).isFalse();
		// The demo's 853,333-hour hold against 5 hours left: marked as the fellow types,
		// and refused with both numbers.
		browser.type("#timeLimitMinutes", "25600000");
		assertThat(browser.shows("#form-hold-over")).as("a hold over the balance is marked").isTrue();
		browser.click("#submit-job");
		assertThat(browser.text("#error-summary")).as("past the longest time limit").contains("10,080");
		assertThat(browser.find("#timeLimitMinutes").getAttribute("value")).as("what was typed stays")
			.isEqualTo("25600000");
		browser.type("#timeLimitMinutes", "1440");
		assertThat(browser.shows("#form-hold-over")).as("48 hours against 5").isTrue();
		browser.click("#submit-job");
		assertThat(browser.text("#error-summary")).as("refused with both numbers").contains("48.00", "5.00");
		browser.type("#timeLimitMinutes", "15");
		assertThat(browser.shows("#form-hold-over")).isFalse();
		browser.click("#submit-job");

		assertThat(browser.text("#job-submitted")).isNotEmpty();
		assertThat(browser.text("#job-time-limit")).as("the time limit as entered").isEqualTo("15분");
		String jobPage = browser.currentPath();
		// The home lists the job while it runs and follows its state without a reload.
		browser.open("/fellow");
		assertThat(browser.text("#running-jobs")).contains("first-run");
		await(() -> browser.find("#running-jobs .live-state").getAttribute("data-state"), "COMPLETED");
		assertThat(browser.text("#running-jobs .live-state")).isEqualTo("완료");
		browser.open(jobPage);
		await(() -> browser.find("#job-state").getAttribute("data-state"), "RUNNING", "COMPLETED");
		browser.screenshot("gpu-job-running");
		await(() -> browser.find("#job-state").getAttribute("data-state"), "COMPLETED");
		await(() -> browser.text("#job-log"), "step-two");
		assertThat(browser.text("#job-state")).isEqualTo("완료");
		await(() -> browser.text("#job-charged").equals("—") ? "" : "charged", "charged");
		String charged = browser.text("#job-charged");
		assertThat(Double.parseDouble(charged)).isGreaterThan(0).isLessThan(0.5);
		browser.screenshot("gpu-job-completed");

		browser.open("/fellow");
		assertThat(browser.text("#balance-charged")).isEqualTo(charged);
		assertThat(browser.text("#week-total")).as("the last 7 days' usage").isEqualTo(charged);
		assertThat(browser.shows("#no-running")).isTrue();
		browser.homeScreenshots("fellow-home");
		// The finished job is also in the header's notifications; opening it marks it
		// read.
		await(() -> {
			browser.open("/fellow");
			return browser.has("#unread-count") ? browser.text("#unread-count") : "";
		}, "1");
		browser.click("#nav-notifications");
		assertThat(browser.text("#notification-list")).contains("작업 first-run이(가) 완료되었습니다.");
		browser.click("#notification-list li button");
		assertThat(browser.currentPath()).isEqualTo(jobPage);
		assertThat(browser.has("#unread-count")).isFalse();
		browser.open("/fellow");
		browser.click("#new-job");
		browser.type("#name", "to-cancel");
		browser.type("#script", "echo waiting; sleep 120");
		browser.click("#submit-job");
		await(() -> browser.find("#job-state").getAttribute("data-state"), "RUNNING");
		// Cancelling cannot be undone: a dialog asks first, and "cancel" keeps the job
		// running.
		browser.click("#cancel-job");
		browser.answerDialog(false);
		assertThat(browser.find("#job-state").getAttribute("data-state")).isEqualTo("RUNNING");
		browser.click("#cancel-job");
		browser.answerDialog(true);
		assertThat(browser.text("#cancel-requested")).isNotEmpty();
		await(() -> browser.find("#job-state").getAttribute("data-state"), "CANCELLED");
		assertThat(browser.text("#job-state")).isEqualTo("취소됨");

		// A job from a template: the portal's GPU check fills the form, the fellow keeps
		// it
		// as their own template, launches it, and deletes the template after saying yes.
		browser.open("/fellow/jobs/new");
		browser.click("#template-builtin-gpu-check");
		assertThat(browser.find("#name").getAttribute("value")).isEqualTo("gpu-check");
		assertThat(browser.find("#script").getAttribute("value")).contains("nvidia-smi -L");
		browser.type("#templateName", "내 GPU 확인");
		browser.click("#save-template-submit");
		assertThat(browser.text("#template-saved")).contains("내 GPU 확인");
		assertThat(browser.text("#job-templates")).contains("내 GPU 확인");
		browser.click("#submit-job");
		assertThat(browser.text("#job-submitted")).isNotEmpty();
		await(() -> browser.find("#job-state").getAttribute("data-state"), "COMPLETED");
		browser.open("/fellow/jobs/new");
		browser.click("#job-templates form button");
		browser.answerDialog(false);
		assertThat(browser.text("#job-templates")).as("kept after 'cancel'").contains("내 GPU 확인");
		browser.click("#job-templates form button");
		browser.answerDialog(true);
		assertThat(browser.text("#template-deleted")).contains("내 GPU 확인");
		assertThat(browser.text("#job-templates")).doesNotContain("내 GPU 확인");

		browser.open("/fellow/usage");
		assertThat(browser.text("#ledger")).contains("청구", "예약 해제");
		WebElement chart = browser.find("#balance-chart");
		await(() -> chart.getAttribute("width") == null ? "" : "drawn", "drawn");
		browser.screenshot("gpu-usage");
	}

	private static void await(Supplier<String> value, String... expected) {
		long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
		String last = null;
		while (System.nanoTime() < deadline) {
			last = value.get();
			for (String candidate : expected) {
				if (last != null && last.contains(candidate)) {
					return;
				}
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new AssertionError("Expected one of " + String.join(", ", expected) + " but saw " + last);
	}

}
