package kr.aifellows.portal.accounts;

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
		assertThat(jdbc.queryForObject(
				"select count(*) from audit_log where action = 'LOGIN_FAILURE' and subject = ?", Long.class,
				account.email()))
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
		var session = mvc.perform(login(account.email(), "wrong").with(from("10.4.0.1")))
			.andReturn()
			.getRequest()
			.getSession();

		mvc.perform(get("/login").param("error", "bad").session((org.springframework.mock.web.MockHttpSession) session))
			.andExpect(content().string(containsString("value=\"" + account.email() + "\"")))
			.andExpect(content().string(containsString("이메일 또는 비밀번호가 올바르지 않습니다")));
	}
}
