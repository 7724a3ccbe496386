package kr.aifellows.portal.e2e;

import java.util.UUID;

import kr.aifellows.portal.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.ScreenshotOnFailure.class)
class ApplicantJourneyTests {

	private static final String PASSWORD = "blue-lantern-gradient-4";

	private static Browser browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void noBrowserYet() {
		browser = null;
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void anApplicantRegistersVerifiesSignsInSwitchesLanguageAndSignsOut() {
		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);
		String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr";

		browser.open("/");
		browser.click("#nav-register");
		browser.type("#email", email);
		browser.type("#displayName", "김연구");
		browser.type("#password", "too-short");
		browser.type("#passwordConfirmation", "too-short");
		browser.click("#consent-APPLICATION_DATA");
		browser.click("#register-submit");
		assertThat(browser.text("#error-summary")).contains("12자 이상");
		assertThat(browser.find("#email").getAttribute("value")).isEqualTo(email);
		assertThat(browser.find("#consent-APPLICATION_DATA").isSelected()).isTrue();

		browser.type("#password", PASSWORD);
		browser.type("#passwordConfirmation", PASSWORD);
		browser.click("#register-submit");
		assertThat(browser.text("#registration-sent")).contains(email);

		String verification = TestMailServer.linkPath(TestMailServer.awaitMail(email, "인증"), "/register/verify");
		browser.open(verification);
		assertThat(browser.text("#verified-notice")).contains("인증이 완료되었습니다");

		browser.type("#email", email);
		browser.type("#password", PASSWORD);
		browser.click("#login-submit");
		assertThat(browser.currentPath()).isEqualTo("/applicant");
		assertThat(browser.text("h1")).isEqualTo("지원자 대시보드");
		assertThat(browser.text("#signed-in-as")).isEqualTo(email);
		browser.screenshot("applicant-dashboard-ko");

		browser.click("#lang-en");
		assertThat(browser.text("h1")).isEqualTo("Applicant dashboard");
		assertThat(browser.htmlLang()).isEqualTo("en");
		browser.open("/applicant");
		assertThat(browser.text("h1")).as("the language choice is remembered").isEqualTo("Applicant dashboard");

		browser.click("#logout");
		assertThat(browser.text("#logged-out-notice")).isEqualTo("You have signed out.");
		browser.open("/applicant");
		assertThat(browser.currentPath()).isEqualTo("/login");
	}

}
