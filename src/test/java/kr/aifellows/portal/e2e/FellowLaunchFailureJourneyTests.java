package kr.aifellows.portal.e2e;

import java.util.Set;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.gpu.GpuAllocations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host whose sandbox does not work (here: bubblewrap is not where the portal looks):
 * the fellow is told before submitting, a submitted job is never announced as submitted,
 * and the operator's detail reaches the administrator, not the fellow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portal.gpu.local.bwrap=/nonexistent/bwrap",
				"portal.gpu.local.directory=target/test-gpu-jobs-without-sandbox" })
@ActiveProfiles("test")
@ExtendWith(Browser.ScreenshotOnFailure.class)
class FellowLaunchFailureJourneyTests {

	private static final String PASSWORD = "launch-failure-password-7";

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	GpuAllocations allocations;

	private Browser browser;

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void aFellowIsWarnedBeforeSubmittingAndAFailedLaunchIsNeverShownAsSubmitted() {
		String email = E2eFellows.withHours(accounts, allocations, "launch-failure", "한펠로", PASSWORD, 5);
		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);
		browser.login(email, PASSWORD);

		browser.open("/fellow");
		assertThat(browser.text("#launcher-down")).contains("작업을 시작할 수 없습니다", "gpu-support@aifellows.kr");
		browser.click("#new-job");
		assertThat(browser.text("#launcher-down")).contains("gpu-support@aifellows.kr");
		browser.type("#name", "no-sandbox");
		browser.type("#script", "echo never");
		browser.click("#submit-job");

		assertThat(browser.text("#job-launch-failed")).contains("시작하지 못했습니다", "청구되지 않았");
		assertThat(browser.has("#job-submitted")).isFalse();
		assertThat(browser.text("#job-state")).isEqualTo("시작 실패");
		assertThat(browser.text("#launch-failed-explain")).contains("gpu-support@aifellows.kr");
		assertThat(browser.text("#job-reason")).as("the operator's English detail stays with the operators")
			.isEqualTo("—");
		assertThat(browser.text("#job-log-empty")).isEqualTo("작업이 시작되지 않아 출력이 없습니다.");
		assertThat(browser.has("#cancel-job")).as("nothing to cancel").isFalse();
		browser.screenshot("gpu-job-launch-failed");

		String admin = "launch-failure-admin-" + System.nanoTime() + "@test.aifellows.kr";
		accounts.createVerified(admin, "운영자", PASSWORD, Set.of(Role.ADMIN));
		browser.click("#logout");
		browser.login(admin, PASSWORD);
		browser.open("/admin/gpu/cluster");
		assertThat(browser.text("#launcher-not-ready")).contains("시작할 수 없습니다");
		assertThat(browser.text("#launcher-problems")).contains("/nonexistent/bwrap");
		assertThat(browser.text("#launch-failures")).contains("no-sandbox", "sandbox does not work");
	}

}
