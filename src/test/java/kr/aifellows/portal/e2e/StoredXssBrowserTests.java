package kr.aifellows.portal.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.Affiliation;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.Profile;
import kr.aifellows.portal.portfolios.Proposal;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.shared.ResearchArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the real browser: script payloads an applicant wrote (display name, names,
 * affiliation, proposal) are shown as text on the chair's pages and no script runs,
 * neither a tag's event handler nor a script element.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(PortfolioFixtures.class)
@ExtendWith(Browser.ScreenshotOnFailure.class)
class StoredXssBrowserTests {

	/** Short enough for every field it goes into (a Korean name holds 100 characters). */
	static final String PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>";

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Test
	void payloadsAreShownAsTextOnTheChairsPagesAndNoScriptRuns() {
		long tag = System.nanoTime();
		CallSummary call = fixtures.openCall(Duration.ofDays(1), false);
		AccountView applicant = accounts.createVerified("xss-browser-" + tag + "@test.aifellows.kr", PAYLOAD,
				PortfolioFixtures.PASSWORD, Set.of(Role.APPLICANT));
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		portfolios.saveProfile(draft.id(), applicant.id(), new Profile(PAYLOAD, PAYLOAD, null, Set.of(ResearchArea.NLP),
				List.of(new Affiliation(PAYLOAD, PAYLOAD, 2021, null))));
		portfolios.saveProposal(draft.id(), applicant.id(), new Proposal(PAYLOAD, PAYLOAD, PAYLOAD, 5_000L, PAYLOAD));
		ApplicationView application = portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
		String chair = "xss-chair-" + tag + "@test.aifellows.kr";
		accounts.createVerified(chair, "위원장", PortfolioFixtures.PASSWORD, Set.of(Role.CHAIR));

		try (Browser browser = new Browser(port)) {
			Browser.ScreenshotOnFailure.watch(browser);
			assertNoScriptRuns(browser, chair, call, application);
		}
	}

	private static void assertNoScriptRuns(Browser browser, String chair, CallSummary call,
			ApplicationView application) {
		browser.open("/login");
		browser.type("#email", chair);
		browser.type("#password", PortfolioFixtures.PASSWORD);
		browser.click("#login-submit");
		browser.find("#signed-in-as");
		int shown = 0;
		for (String page : List.of("/chair/calls/" + call.id() + "/applications",
				"/chair/applications/" + application.id(), "/chair/calls/" + call.id() + "/review",
				"/chair/calls/" + call.id() + "/ranking")) {
			browser.open(page);
			String text = browser.text("main");
			assertThat(browser.dialogOpen()).as("a dialog on %s", page).isFalse();
			if (text.contains(PAYLOAD)) {
				shown++;
			}
		}
		System.out.printf("Stored XSS in the browser: 2 payloads x 4 chair pages, shown as text on %d, 0 ran%n", shown);
		assertThat(shown).as("pages that show the payload as text").isGreaterThanOrEqualTo(2);
	}

}
