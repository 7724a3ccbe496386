package kr.aifellows.portal.accounts;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static kr.aifellows.portal.accounts.AccountTestSupport.PASSWORD;
import static kr.aifellows.portal.accounts.AccountTestSupport.from;
import static kr.aifellows.portal.accounts.AccountTestSupport.login;
import static kr.aifellows.portal.accounts.AccountTestSupport.uniqueEmail;
import static kr.aifellows.portal.accounts.AccountTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
class PasswordResetTests {

	private static final String NEW_PASSWORD = "new-tensor-garden-77";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Test
	void aMailedLinkSetsANewPasswordOnceAndUnlocksTheAccount() throws Exception {
		AccountView account = verifiedAccount(accounts, "forgetful", Role.APPLICANT);
		for (int attempt = 0; attempt < 5; attempt++) {
			mvc.perform(login(account.email(), "wrong").with(from("10.5.0.1")));
		}

		mvc.perform(post("/password/forgot").with(csrf()).param("email", account.email()))
			.andExpect(content().string(containsString("재설정 링크를 보냈습니다")));
		String link = TestMailServer.linkPath(TestMailServer.awaitMail(account.email(), "비밀번호 재설정"), "/password/reset");
		String token = link.substring(link.indexOf("token=") + "token=".length());
		mvc.perform(get(link)).andExpect(status().isOk()).andExpect(content().string(containsString("새 비밀번호")));

		mvc.perform(resetWith(token, "short")).andExpect(content().string(containsString("비밀번호는 12자 이상이어야 합니다")));
		mvc.perform(resetWith(token, NEW_PASSWORD)).andExpect(redirectedUrl("/login?passwordChanged"));

		mvc.perform(login(account.email(), PASSWORD).with(from("10.5.0.2")))
			.andExpect(redirectedUrl("/login?error=bad"));
		mvc.perform(login(account.email(), NEW_PASSWORD).with(from("10.5.0.2"))).andExpect(redirectedUrl("/dashboard"));
		mvc.perform(resetWith(token, "another-fresh-password-1"))
			.andExpect(content().string(containsString("만료되었거나 이미 사용되었습니다")));
	}

	@Test
	void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
		String nobody = uniqueEmail("nobody");
		mvc.perform(post("/password/forgot").with(csrf()).param("email", nobody))
			.andExpect(content().string(containsString("재설정 링크를 보냈습니다")));
		Thread.sleep(500);
		assertThat(TestMailServer.countMailsTo(nobody)).isZero();
	}

	@Test
	void aForgedTokenIsRefused() throws Exception {
		mvc.perform(get("/password/reset").param("token", "forged"))
			.andExpect(content().string(containsString("만료되었거나 이미 사용되었습니다")));
		mvc.perform(resetWith("forged", NEW_PASSWORD)).andExpect(content().string(containsString("만료되었거나 이미 사용되었습니다")));
	}

	private static MockHttpServletRequestBuilder resetWith(String token, String password) {
		return post("/password/reset").with(csrf())
			.param("token", token)
			.param("password", password)
			.param("passwordConfirmation", password);
	}

}
