package kr.aifellows.portal.accounts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static kr.aifellows.portal.accounts.AccountTestSupport.PASSWORD;
import static kr.aifellows.portal.accounts.AccountTestSupport.from;
import static kr.aifellows.portal.accounts.AccountTestSupport.login;
import static kr.aifellows.portal.accounts.AccountTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * The account surface as OWASP ASVS level 2 asks: where login sends you, the cookies,
 * tokens that work once, and error pages that tell an attacker nothing about the code or
 * the database.
 */
@PortalIntegrationTest
class SessionAndAccountTests {

	private static final List<String> ELSEWHERE = List.of("https://evil.example/x", "//evil.example/x",
			"/\\evil.example/x", "\\\\evil.example", "javascript:alert(1)", "http:evil.example");

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	PortalUserDetailsService users;

	@Autowired
	Environment environment;

	@Test
	void loginNeverSendsAnyoneToAnotherSite() throws Exception {
		AccountView account = verifiedAccount(accounts, "redirect", Role.APPLICANT);
		for (String target : ELSEWHERE) {
			for (String parameter : List.of("redirect", "continue", "next", "returnTo", "url", "targetUrl")) {
				String location = mvc
					.perform(login(account.email(), PASSWORD).with(from("10.9.0.1")).param(parameter, target))
					.andReturn()
					.getResponse()
					.getRedirectedUrl();
				assertThat(location).as("after login with %s=%s", parameter, target).isEqualTo("/dashboard");
			}
			// A page asked for before signing in is the only place login goes back to; a
			// path that
			// names another host is never saved as one.
			MockHttpServletResponse refused = mvc.perform(get("/applicant").queryParam("x", target))
				.andReturn()
				.getResponse();
			Cookie session = refused.getCookie("SESSION");
			MockHttpServletRequestBuilder signIn = login(account.email(), PASSWORD).with(from("10.9.0.1"));
			if (session != null) {
				signIn.cookie(session);
			}
			String location = mvc.perform(signIn).andReturn().getResponse().getRedirectedUrl();
			assertThat(location.replaceFirst("^http://localhost/", "/")).as("after the saved request for %s", target)
				.startsWith("/")
				.doesNotStartWith("//")
				.doesNotStartWith("/\\");
		}
	}

	@Test
	void productionCookiesAreSecureHttpOnlyAndSameSite() throws Exception {
		// The flags themselves are checked on a real server (TwoInstancesTests): MockMvc
		// has no
		// embedded server, so Spring Boot does not configure the session cookie there.
		assertThat(new ClassPathResource("application.properties").getContentAsString(StandardCharsets.UTF_8)).contains(
				"server.servlet.session.cookie.secure=true", "portal.accounts.secure-cookies=true",
				"server.servlet.session.cookie.http-only=true", "server.servlet.session.cookie.same-site=lax");
		assertThat(environment.getProperty("server.servlet.session.cookie.secure", Boolean.class))
			.as("the test profile, on plain HTTP")
			.isFalse();
	}

	@Test
	void anInvitationLinkWorksOnceEvenForSomeoneElse() throws Exception {
		AccountView chair = verifiedAccount(accounts, "once-chair", Role.CHAIR);
		AccountView invitee = verifiedAccount(accounts, "once-invitee", Role.APPLICANT);
		AccountView other = verifiedAccount(accounts, "once-other", Role.APPLICANT);
		accounts.invite(invitee.email(), Role.REVIEWER, chair.email(), Locale.KOREAN);
		String link = TestMailServer.linkPath(TestMailServer.awaitMail(invitee.email(), "초대"), "/invitations/accept");
		String token = link.substring(link.indexOf("token=") + "token=".length());

		mvc.perform(post("/invitations/accept").with(csrf())
			.with(user(users.loadUserByUsername(invitee.email())))
			.param("token", token));
		mvc.perform(post("/invitations/accept").with(csrf())
			.with(user(users.loadUserByUsername(other.email())))
			.param("token", token));
		mvc.perform(post("/invitations/accept").with(csrf())
			.param("token", token)
			.param("displayName", "두 번째")
			.param("password", PASSWORD)
			.param("passwordConfirmation", PASSWORD));

		assertThat(accounts.findByEmail(invitee.email()).orElseThrow().roles()).contains(Role.REVIEWER);
		assertThat(accounts.findByEmail(other.email()).orElseThrow().roles()).containsExactly(Role.APPLICANT);
	}

	@Test
	void errorPagesShowNoStackTraceNoSqlAndNoClassNames() throws Exception {
		AccountView chair = verifiedAccount(accounts, "errors-chair", Role.CHAIR);
		var asChair = user(users.loadUserByUsername(chair.email()));
		List<MockHttpServletRequestBuilder> requests = List.of(get("/no-such-page").with(asChair),
				get("/chair/calls/abc/edit").with(asChair), get("/chair/calls/1'%20or%20'1'='1/edit").with(asChair),
				get("/chair/calls/999999999/edit").with(asChair), request(HttpMethod.DELETE, "/login").with(csrf()),
				get("/chair/calls/1/applications").param("page", "'; drop table accounts; --").with(asChair),
				get("/chair/calls/99999999999999999999/ranking").with(asChair), post("/login").param("email", "x"),
				get("/error"));
		for (MockHttpServletRequestBuilder request : requests) {
			MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
			String body = response.getContentAsString();
			assertThat(body).as("error page")
				.doesNotContain("Exception", "\tat ", "java.", "org.springframework", "kr.aifellows", "SQLState",
						"PSQL", "syntax error", "Whitelabel", "\"trace\"");
		}
	}

}
