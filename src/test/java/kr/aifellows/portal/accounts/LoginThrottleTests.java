package kr.aifellows.portal.accounts;

import java.util.Locale;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static kr.aifellows.portal.accounts.AccountTestSupport.PASSWORD;
import static kr.aifellows.portal.accounts.AccountTestSupport.from;
import static kr.aifellows.portal.accounts.AccountTestSupport.login;
import static kr.aifellows.portal.accounts.AccountTestSupport.uniqueEmail;
import static kr.aifellows.portal.accounts.AccountTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

@PortalIntegrationTest
class LoginThrottleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() throws Exception {
		AccountView account = verifiedAccount(accounts, "locked", Role.APPLICANT);
		for (int attempt = 0; attempt < 5; attempt++) {
			mvc.perform(login(account.email(), "wrong-password-" + attempt).with(from("10.1.0.1")))
				.andExpect(redirectedUrl("/login?error=bad"));
		}

		mvc.perform(login(account.email(), PASSWORD).with(from("10.1.0.2")))
			.andExpect(redirectedUrl("/login?error=locked"));
		mvc.perform(get("/login").param("error", "locked"))
			.andExpect(content().string(containsString("계정이 잠겼습니다. 15분 후")));
		assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'ACCOUNT_LOCKED' and subject = ?",
				Long.class, account.email()))
			.isEqualTo(1);
		assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'LOGIN_FAILURE' and subject = ?",
				Long.class, account.email()))
			.isEqualTo(6);
	}

	@Test
	void aSuccessfulLoginResetsTheCount() throws Exception {
		AccountView account = verifiedAccount(accounts, "reset-count", Role.APPLICANT);
		for (int attempt = 0; attempt < 4; attempt++) {
			mvc.perform(login(account.email(), "wrong").with(from("10.2.0.1")));
		}
		mvc.perform(login(account.email(), PASSWORD).with(from("10.2.0.1"))).andExpect(redirectedUrl("/dashboard"));
		for (int attempt = 0; attempt < 4; attempt++) {
			mvc.perform(login(account.email(), "wrong").with(from("10.2.0.1")));
		}
		mvc.perform(login(account.email(), PASSWORD).with(from("10.2.0.1"))).andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void manyFailuresFromOneAddressBlockItButNotOthers() throws Exception {
		AccountView account = verifiedAccount(accounts, "address", Role.APPLICANT);
		for (int attempt = 0; attempt < 10; attempt++) {
			mvc.perform(login(uniqueEmail("guess"), "guess-" + attempt).with(from("10.3.0.1")));
		}

		mvc.perform(login(account.email(), PASSWORD).with(from("10.3.0.1")))
			.andExpect(redirectedUrl("/login?error=throttled"));
		mvc.perform(login(account.email(), PASSWORD).with(from("10.3.0.2"))).andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void theLoginPageKeepsTheTypedAddressAfterAFailure() throws Exception {
		AccountView account = verifiedAccount(accounts, "typed", Role.APPLICANT);
		Cookie session = mvc.perform(login(account.email(), "wrong").with(from("10.4.0.1")))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");

		mvc.perform(get("/login").param("error", "bad").cookie(session))
			.andExpect(content().string(containsString("value=\"" + account.email() + "\"")))
			.andExpect(content().string(containsString("이메일 또는 비밀번호가 올바르지 않습니다")));
	}

	@Test
	void aLockedAccountAndAnUnknownAddressAnswerAlikeToWrongPasswords() throws Exception {
		AccountView account = verifiedAccount(accounts, "locked-alike", Role.APPLICANT);
		String nobody = uniqueEmail("nobody-alike");
		for (String email : new String[] { account.email(), nobody }) {
			for (int attempt = 0; attempt < 7; attempt++) {
				mvc.perform(login(email, "wrong-password-" + attempt).with(from("10.6.1." + attempt)))
					.andExpect(redirectedUrl("/login?error=bad"));
			}
		}
		// Both addresses are locked alike: the same rows, whether or not an account
		// exists.
		assertThat(
				jdbc.queryForList(
						"select subject from login_throttle where kind = 'EMAIL' "
								+ "and blocked_until > now() and subject in (?, ?)",
						String.class, account.email(), nobody))
			.containsExactlyInAnyOrder(account.email(), nobody);
		mvc.perform(login(account.email(), PASSWORD).with(from("10.6.0.2")))
			.andExpect(redirectedUrl("/login?error=locked"));
	}

	@Test
	void anUnverifiedAccountSaysSoOnlyAfterTheRightPassword() throws Exception {
		String email = uniqueEmail("unverified");
		accounts.register(email, "미인증", PASSWORD, Locale.KOREAN);

		mvc.perform(login(email, "wrong-password").with(from("10.7.0.1"))).andExpect(redirectedUrl("/login?error=bad"));
		mvc.perform(login(uniqueEmail("nobody"), "wrong-password").with(from("10.7.0.1")))
			.andExpect(redirectedUrl("/login?error=bad"));
		mvc.perform(login(email, PASSWORD).with(from("10.7.0.1"))).andExpect(redirectedUrl("/login?error=unverified"));
	}

	@Test
	void theCountsAreInTheDatabaseForEveryInstance() throws Exception {
		String nobody = uniqueEmail("counted");
		mvc.perform(login(nobody, "wrong").with(from("10.8.0.1")));
		mvc.perform(login(nobody, "wrong").with(from("10.8.0.1")));

		assertThat(jdbc.queryForObject("select failures from login_throttle where kind = 'EMAIL' and subject = ?",
				Integer.class, nobody))
			.isEqualTo(2);
		assertThat(jdbc.queryForObject("select failures from login_throttle where kind = 'CLIENT' and subject = ?",
				Integer.class, "10.8.0.1"))
			.isEqualTo(2);
	}

}
