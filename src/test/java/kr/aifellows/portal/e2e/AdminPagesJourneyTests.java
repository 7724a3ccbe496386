package kr.aifellows.portal.e2e;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator (who also chairs, for the chair's correction requests) goes through
 * every administration page in English and in Korean: each page speaks the chosen
 * language in its heading and fits a 390-px phone (the browser checks every page it
 * opens).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.ScreenshotOnFailure.class)
class AdminPagesJourneyTests {

	private static final String PASSWORD = "amber-harbour-compass-8";

	private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");

	private static final List<String> PAGES = List.of("/admin", "/admin/calls", "/admin/accounts", "/admin/audit",
			"/admin/outbox", "/admin/gpu", "/admin/gpu/cluster", "/admin/search", "/admin/backups",
			"/admin/privacy-requests", "/admin/access-records", "/chair/corrections", "/chair", "/notifications",
			"/chair/reviewers", "/chair/gpu", "/invitations", "/account/password", "/account/privacy");

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

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
	void everyAdministrationPageSpeaksTheChosenLanguageAndFitsAPhone() {
		String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr";
		accounts.createVerified(email, "Admin Kim", PASSWORD, Set.of(Role.ADMIN, Role.CHAIR));
		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);
		browser.login(email, PASSWORD);

		browser.click("#lang-en");
		visitEveryPage("en", false);
		browser.click("#lang-ko");
		visitEveryPage("ko", true);
	}

	private static void visitEveryPage(String language, boolean korean) {
		for (String page : PAGES) {
			browser.open(page);
			assertThat(browser.htmlLang()).as(page).isEqualTo(language);
			if (korean && page.equals("/admin")) {
				browser.homeScreenshots("admin-home");
			}
			String heading = browser.text("h1");
			assertThat(HANGUL.matcher(heading).find()).as("%s's heading in %s: %s", page, language, heading)
				.isEqualTo(korean);
		}
	}

}
