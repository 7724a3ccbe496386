package kr.aifellows.portal.accounts;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static kr.aifellows.portal.accounts.AccountTestSupport.PASSWORD;
import static kr.aifellows.portal.accounts.AccountTestSupport.from;
import static kr.aifellows.portal.accounts.AccountTestSupport.login;
import static kr.aifellows.portal.accounts.AccountTestSupport.signIn;
import static kr.aifellows.portal.accounts.AccountTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sessions live in the database, so that every instance of the portal shares them, and a
 * password reset, a password change, a deactivation or an administrator's "end sessions"
 * ends them (and the remember-me tokens) everywhere at once.
 */
@PortalIntegrationTest
class SessionEndingTests {

	private static final String NEW_PASSWORD = "fresh-tensor-orchard-42";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aSessionIsKeptInTheDatabaseWhereEveryInstanceFindsIt() throws Exception {
		AccountView account = verifiedAccount(accounts, "shared-session", Role.APPLICANT);
		Cookie session = signIn(mvc, account.email(), PASSWORD, "10.20.0.1");

		assertThat(sessionsOf(account)).isEqualTo(1);
		mvc.perform(get("/applicant").cookie(session)).andExpect(status().isOk());
	}

	@Test
	void aPasswordResetEndsEverySessionAndRememberMeToken() throws Exception {
		AccountView account = verifiedAccount(accounts, "reset-sessions", Role.APPLICANT);
		Cookie laptop = signIn(mvc, account.email(), PASSWORD, "10.20.1.1");
		Cookie rememberMe = rememberMe(account);
		mvc.perform(get("/applicant").cookie(laptop)).andExpect(status().isOk());

		mvc.perform(post("/password/forgot").with(csrf()).param("email", account.email()));
		String link = TestMailServer.linkPath(TestMailServer.awaitMail(account.email(), "비밀번호 재설정"), "/password/reset");
		mvc.perform(post("/password/reset").with(csrf())
			.param("token", link.substring(link.indexOf("token=") + "token=".length()))
			.param("password", NEW_PASSWORD)
			.param("passwordConfirmation", NEW_PASSWORD)).andExpect(redirectedUrl("/login?passwordChanged"));

		assertSignedOut(laptop, rememberMe);
		assertThat(sessionsOf(account)).isZero();
		assertThat(rememberMeTokensOf(account)).isZero();
	}

	@Test
	void aPasswordChangeEndsTheOtherSessionsButNotTheOneThatMadeIt() throws Exception {
		AccountView account = verifiedAccount(accounts, "change-sessions", Role.APPLICANT);
		Cookie laptop = signIn(mvc, account.email(), PASSWORD, "10.20.2.1");
		Cookie phone = signIn(mvc, account.email(), PASSWORD, "10.20.2.2");
		Cookie rememberMe = rememberMe(account);

		mvc.perform(post("/account/password").with(csrf())
			.cookie(laptop)
			.param("currentPassword", "not-my-password")
			.param("password", NEW_PASSWORD)
			.param("passwordConfirmation", NEW_PASSWORD)).andExpect(status().isOk());
		mvc.perform(get("/applicant").cookie(phone)).andExpect(status().isOk());

		mvc.perform(post("/account/password").with(csrf())
			.cookie(laptop)
			.param("currentPassword", PASSWORD)
			.param("password", NEW_PASSWORD)
			.param("passwordConfirmation", NEW_PASSWORD)).andExpect(redirectedUrl("/account/password"));

		mvc.perform(get("/applicant").cookie(laptop)).andExpect(status().isOk());
		assertSignedOut(phone, rememberMe);
		assertThat(sessionsOf(account)).isEqualTo(1);
		mvc.perform(login(account.email(), NEW_PASSWORD).with(from("10.20.2.3")))
			.andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void deactivationEndsEverySessionAndRefusesTheNextLoginOnlyAfterTheRightPassword() throws Exception {
		AccountView admin = verifiedAccount(accounts, "deactivating-admin", Role.ADMIN);
		AccountView account = verifiedAccount(accounts, "deactivated", Role.APPLICANT);
		Cookie adminSession = signIn(mvc, admin.email(), PASSWORD, "10.20.3.1");
		Cookie session = signIn(mvc, account.email(), PASSWORD, "10.20.3.2");
		Cookie rememberMe = rememberMe(account);

		mvc.perform(post("/admin/accounts/{id}/active", account.id()).with(csrf())
			.cookie(adminSession)
			.param("active", "false")).andExpect(redirectedUrl("/admin/accounts"));

		assertSignedOut(session, rememberMe);
		mvc.perform(login(account.email(), "wrong-password").with(from("10.20.3.3")))
			.andExpect(redirectedUrl("/login?error=bad"));
		mvc.perform(login(account.email(), PASSWORD).with(from("10.20.3.3")))
			.andExpect(redirectedUrl("/login?error=deactivated"));

		mvc.perform(post("/admin/accounts/{id}/active", account.id()).with(csrf())
			.cookie(adminSession)
			.param("active", "true")).andExpect(redirectedUrl("/admin/accounts"));
		mvc.perform(login(account.email(), PASSWORD).with(from("10.20.3.3"))).andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void anAdministratorEndsEverySessionOfAnAccount() throws Exception {
		AccountView admin = verifiedAccount(accounts, "ending-admin", Role.ADMIN);
		AccountView account = verifiedAccount(accounts, "ended", Role.APPLICANT);
		Cookie adminSession = signIn(mvc, admin.email(), PASSWORD, "10.20.4.1");
		Cookie first = signIn(mvc, account.email(), PASSWORD, "10.20.4.2");
		Cookie second = signIn(mvc, account.email(), PASSWORD, "10.20.4.3");
		Cookie rememberMe = rememberMe(account);

		mvc.perform(post("/admin/accounts/{id}/sessions/end", account.id()).with(csrf()).cookie(adminSession))
			.andExpect(redirectedUrl("/admin/accounts"));

		assertSignedOut(first, second, rememberMe);
		mvc.perform(get("/admin/accounts").cookie(adminSession)).andExpect(status().isOk());
		assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'SESSIONS_ENDED' and subject = ?",
				Long.class, account.email()))
			.isEqualTo(1);
	}

	@Test
	void onlyAdministratorsEndSessionsOrDeactivate() throws Exception {
		AccountView applicant = verifiedAccount(accounts, "not-admin", Role.APPLICANT);
		AccountView other = verifiedAccount(accounts, "other", Role.APPLICANT);
		Cookie session = signIn(mvc, applicant.email(), PASSWORD, "10.20.5.1");

		mvc.perform(post("/admin/accounts/{id}/sessions/end", other.id()).with(csrf()).cookie(session))
			.andExpect(status().isForbidden());
		mvc.perform(
				post("/admin/accounts/{id}/active", other.id()).with(csrf()).cookie(session).param("active", "false"))
			.andExpect(status().isForbidden());
		assertThat(accounts.findById(other.id()).orElseThrow().active()).isTrue();
	}

	/** Each cookie alone (a session or a remember-me token) no longer signs anyone in. */
	private void assertSignedOut(Cookie... cookies) throws Exception {
		for (Cookie cookie : cookies) {
			mvc.perform(get("/applicant").cookie(cookie)).andExpect(redirectedUrl("/login"));
		}
	}

	private Cookie rememberMe(AccountView account) throws Exception {
		Cookie cookie = mvc.perform(login(account.email(), PASSWORD).param("remember-me", "on").with(from("10.20.9.9")))
			.andReturn()
			.getResponse()
			.getCookie("portal-remember-me");
		// Not tried here: each use replaces the token, and the old cookie would count as
		// stolen.
		assertThat(cookie).isNotNull();
		assertThat(rememberMeTokensOf(account)).isPositive();
		return cookie;
	}

	private long sessionsOf(AccountView account) {
		return jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class,
				account.email());
	}

	private long rememberMeTokensOf(AccountView account) {
		return jdbc.queryForObject("select count(*) from persistent_logins where username = ?", Long.class,
				account.email());
	}

}
