package kr.aifellows.portal.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallDefinition;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.calls.Criterion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying with the keyboard only: Tab to move, typing, Space to tick, Enter to follow a
 * link or press a button; no mouse.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.ScreenshotOnFailure.class)
class KeyboardJourneyTests {

	private static final String PASSWORD = "keyboard-only-journey-3";

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CallCatalog calls;

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void anApplicantSignsInOpensTheCallFollowsTheChecklistAndSavesTheProfileByKeyboard() {
		Instant now = Instant.now();
		CallSummary call = calls.create(new CallDefinition("키보드 여정 공고", "Keyboard journey call", "설명", "Description",
				now.minusSeconds(60), now.plus(Duration.ofDays(7)), 5, 10_000, 3, true,
				List.of(new Criterion("역량", "Excellence", BigDecimal.ONE, 1, 5, "", ""))), "chair@test");
		String email = "keyboard-" + System.nanoTime() + "@test.aifellows.kr";
		accounts.createVerified(email, "윤한결", PASSWORD, Set.of(Role.APPLICANT));
		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);

		browser.open("/login");
		browser.tabTo("#email");
		browser.typeKeys(email);
		browser.tabTo("#password");
		browser.typeKeys(PASSWORD);
		browser.tabTo("#login-submit");
		browser.pressEnter();
		browser.find("#signed-in-as");

		browser.tabTo("#apply-" + call.id());
		browser.pressEnter();
		assertThat(browser.find("#step-profile").getAttribute("class")).contains("step-missing");
		browser.tabTo("#checklist a[href='#nameKo']");
		browser.pressEnter();
		assertThat(browser.currentPath()).endsWith("#nameKo");

		browser.tabTo("#nameKo");
		browser.typeKeys("윤한결");
		browser.tabTo("#nameRomanized");
		browser.typeKeys("Hangyeol Yoon");
		browser.tabTo("input[value='NLP']");
		browser.press(Keys.SPACE);
		browser.tabTo("#affiliations0\\.institution");
		browser.typeKeys("KAIST");
		browser.tabTo("#affiliations0\\.startYear");
		browser.typeKeys("2022");
		browser.tabTo("#save-profile");
		browser.pressEnter();

		assertThat(browser.text("#saved-notice")).contains("임시 저장");
		assertThat(browser.find("#step-profile").getAttribute("class")).contains("step-done");
		assertThat(browser.find("#nameRomanized").getAttribute("value")).isEqualTo("Hangyeol Yoon");
	}

}
