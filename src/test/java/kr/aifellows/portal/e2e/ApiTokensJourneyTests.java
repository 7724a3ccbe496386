package kr.aifellows.portal.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.gpu.GpuAllocations;
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
 * A fellow makes a personal access token in the browser, sees it once, uses it from a
 * "terminal" (an HTTP client without the browser's session), finds the terminal section
 * on the fellow's page and browses the API documentation; then revokes the token after
 * the confirmation page, and the terminal is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(Browser.ScreenshotOnFailure.class)
class ApiTokensJourneyTests {

	private static final String PASSWORD = "lantern-orchard-river-4";

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@Autowired
	GpuAllocations allocations;

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
	void aFellowMakesUsesAndRevokesATokenAndBrowsesTheDocs() throws Exception {
		String email = E2eFellows.withHours(accounts, allocations, "e2e-api", "API Kim", PASSWORD, 2);
		browser = new Browser(port);
		Browser.ScreenshotOnFailure.watch(browser);
		browser.login(email, PASSWORD);
		browser.open("/account/tokens?lang=en");
		browser.type("#token-name", "laptop");
		browser.click("#create-token");
		String token = browser.text("#issued-token-value");
		assertThat(token).startsWith("afp_");
		assertThat(terminal(token)).isEqualTo(200);
		browser.open("/account/tokens");
		assertThat(browser.text("#token-list")).contains("laptop").doesNotContain(token);

		browser.open("/fellow");
		browser.click("#terminal summary");
		assertThat(browser.text("#terminal")).contains("/api/v1/fellow/jobs");

		browser.open("/account/tokens");
		assertThat(browser.find("#api-docs").getAttribute("href")).endsWith("/api/docs");
		browser.openOthers("/api/docs");
		assertThat(browser.find(".swagger-ui .info .title").getText()).contains("AI Fellowship Portal API");
		assertThat(browser.find(".swagger-ui .opblock-tag").getText()).isNotEmpty();

		browser.open("/account/tokens");
		// Where JavaScript runs, a dialog asks first (without it, the confirmation page).
		browser.click("#token-list button.danger");
		browser.answerDialog(true);
		assertThat(browser.text("#token-list")).contains("revoked");
		assertThat(terminal(token)).isEqualTo(401);
	}

	private int terminal(String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/fellow/jobs"))
			.header("Authorization", "Bearer " + token)
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
