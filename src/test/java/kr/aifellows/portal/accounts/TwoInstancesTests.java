package kr.aifellows.portal.accounts;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import kr.aifellows.portal.PortalApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static kr.aifellows.portal.accounts.AccountTestSupport.PASSWORD;
import static kr.aifellows.portal.accounts.AccountTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the portal on one database, as behind a load balancer: a session or a
 * remember-me cookie from one works on the other, and a password change on one ends the
 * account's other sessions on both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TwoInstancesTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static ConfigurableApplicationContext second;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@Autowired
	AccountManagement accounts;

	@BeforeAll
	static void startASecondInstance() {
		second = new SpringApplicationBuilder(PortalApplication.class).profiles("test")
			.run("--server.port=0", "--spring.main.banner-mode=off",
					"--portal.search.directory=target/test-search-index/" + UUID.randomUUID());
	}

	@AfterAll
	static void stopTheSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void aSessionFromOneInstanceWorksOnTheOtherAndEndsOnBothWithAPasswordChange() throws Exception {
		String a = "http://localhost:" + port;
		String b = "http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort();
		AccountView account = verifiedAccount(accounts, "two-instances", Role.APPLICANT);

		String laptop = signIn(a, account.email(), false);
		String phone = signIn(b, account.email(), false);
		String rememberMe = cookie(signInResponse(a, account.email(), true), "portal-remember-me");
		HttpResponse<String> remembered = get(b + "/applicant", rememberMe);
		assertThat(remembered.statusCode()).as("a remember-me cookie from the other instance").isEqualTo(200);
		// Each use replaces the token; the browser keeps the new one.
		rememberMe = cookie(remembered, "portal-remember-me");
		assertThat(get(b + "/applicant", laptop).statusCode()).isEqualTo(200);
		assertThat(get(a + "/applicant", phone).statusCode()).isEqualTo(200);

		HttpResponse<String> changed = post(b + "/account/password", phone, Map.of("currentPassword", PASSWORD,
				"password", "another-river-stone-58", "passwordConfirmation", "another-river-stone-58"));
		assertThat(changed.statusCode()).isEqualTo(302);

		assertThat(get(a + "/applicant", phone).statusCode()).as("the session that changed it").isEqualTo(200);
		for (String instance : new String[] { a, b }) {
			assertThat(get(instance + "/applicant", laptop).headers().firstValue("Location"))
				.hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
			assertThat(get(instance + "/applicant", rememberMe).headers().firstValue("Location"))
				.hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
		}
	}

	@Test
	void theSessionAndRememberMeCookiesAreHttpOnlyAndSameSiteAndSecureOnlyWhenConfigured() throws Exception {
		AccountView account = verifiedAccount(accounts, "cookie-flags", Role.APPLICANT);
		List<String> cookies = signInResponse("http://localhost:" + port, account.email(), true).headers()
			.allValues("Set-Cookie");
		assertThat(cookies).filteredOn(cookie -> cookie.startsWith("SESSION=")).singleElement().satisfies(cookie -> {
			assertThat(cookie).contains("; HttpOnly").containsIgnoringCase("; SameSite=Lax");
			// the test profile serves plain HTTP
			// (server.servlet.session.cookie.secure=false)
			assertThat(cookie).doesNotContain("; Secure");
		});
		assertThat(cookies).filteredOn(cookie -> cookie.startsWith("portal-remember-me="))
			.singleElement()
			.satisfies(cookie -> assertThat(cookie).contains("; HttpOnly").doesNotContain("; Secure"));
	}

	private String signIn(String base, String email, boolean rememberMe) throws Exception {
		return cookie(signInResponse(base, email, rememberMe), "SESSION");
	}

	private HttpResponse<String> signInResponse(String base, String email, boolean rememberMe) throws Exception {
		HttpResponse<String> form = get(base + "/login", null);
		String session = cookie(form, "SESSION");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("email", email);
		fields.put("password", PASSWORD);
		if (rememberMe) {
			fields.put("remember-me", "on");
		}
		fields.put("_csrf", csrf(form.body()));
		HttpResponse<String> response = send(base + "/login", session, fields);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/dashboard"));
		return response;
	}

	private HttpResponse<String> post(String url, String cookie, Map<String, String> fields) throws Exception {
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", csrf(get(url, cookie).body()));
		return send(url, cookie, all);
	}

	private HttpResponse<String> send(String url, String cookie, Map<String, String> fields)
			throws IOException, InterruptedException {
		String body = fields.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String url, String cookie) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The named cookie a response sets, as a Cookie header value. */
	private static String cookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(header -> header.split(";", 2)[0])
			.filter(pair -> pair.startsWith(name + "=") && pair.length() > name.length() + 1)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		if (!matcher.find()) {
			throw new AssertionError("no CSRF token on the page");
		}
		return matcher.group(1);
	}

}
