package kr.aifellows.portal.accounts;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.assertj.core.api.Assertions;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

final class AccountTestSupport {

	static final String PASSWORD = "correct-horse-battery-9";

	private AccountTestSupport() {
	}

	static String uniqueEmail(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr";
	}

	static AccountView verifiedAccount(AccountManagement accounts, String prefix, Role... roles) {
		EnumSet<Role> set = EnumSet.noneOf(Role.class);
		set.addAll(List.of(roles));
		return accounts.createVerified(uniqueEmail(prefix), "테스트 " + prefix, PASSWORD, set);
	}

	static MockHttpServletRequestBuilder login(String email, String password) {
		return post("/login").with(csrf()).param("email", email).param("password", password);
	}

	/**
	 * Signs in through the login form and returns the session cookie: the session itself
	 * lives in the database (Spring Session JDBC), as it does for every instance of the
	 * portal.
	 */
	static Cookie signIn(MockMvc mvc, String email, String password, String address) throws Exception {
		Cookie session = mvc.perform(login(email, password).with(from(address)))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		Assertions.assertThat(session).as("session cookie after signing in").isNotNull();
		return session;
	}

	/**
	 * Requests from a given client address, so throttling tests do not block each other.
	 */
	static RequestPostProcessor from(String address) {
		return (MockHttpServletRequest request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
