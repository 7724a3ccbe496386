package kr.aifellows.portal.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kr.aifellows.portal.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error pages as a real client gets them from the running server (MockMvc performs no
 * error dispatch or forward, so it cannot show them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorPagesTests {

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Test
	void aTamperedCsrfTokenGetsAnExplanationAndChangesNothing() throws Exception {
		get("/register");
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/register"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=forged&email=mallory%40test.kr&displayName=M"
					+ "&password=correct-horse-battery-9&passwordConfirmation=correct-horse-battery-9"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("보안 토큰이 없거나 만료되어 요청을 처리하지 않았습니다");
	}

	@Test
	void aRefusedPageGetsTheFriendlyForbiddenPage() throws Exception {
		signIn();
		HttpResponse<String> response = get("/admin");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("이 페이지를 볼 권한이 없습니다").contains("class=\"site-header\"");
	}

	@Test
	void anUnknownPageGetsTheFriendlyNotFoundPageInTheChosenLanguage() throws Exception {
		signIn();
		get("/?lang=en");
		HttpResponse<String> response = get("/no-such-page");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Page not found").contains("lang=\"en\"");
	}

	private void signIn() throws IOException, InterruptedException {
		String email = "errors-" + System.nanoTime() + "@test.aifellows.kr";
		String password = "correct-horse-battery-9";
		HttpResponse<String> form = get("/register");
		post("/register", "email=" + email + "&displayName=E&password=" + password + "&passwordConfirmation=" + password
				+ "&consents=APPLICATION_DATA&_csrf=" + csrf(form.body()));
		String link = TestMailServer.linkPath(TestMailServer.awaitMail(email, "인증"), "/register/verify");
		get(link);
		HttpResponse<String> login = get("/login");
		HttpResponse<String> result = post("/login",
				"email=" + email + "&password=" + password + "&_csrf=" + csrf(login.body()));
		assertThat(result.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/dashboard"));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static String csrf(String html) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("the page has a CSRF token").isTrue();
		return matcher.group(1);
	}

}
