package kr.aifellows.portal.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static kr.aifellows.portal.accounts.AccountTestSupport.PASSWORD;
import static kr.aifellows.portal.accounts.AccountTestSupport.login;
import static kr.aifellows.portal.accounts.AccountTestSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
class RegistrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void applicantRegistersFollowsTheMailedLinkAndSignsIn() throws Exception {
		String email = uniqueEmail("applicant");
		mvc.perform(register(email, "홍길동", PASSWORD, PASSWORD)).andExpect(redirectedUrl("/register/sent"));

		mvc.perform(login(email, PASSWORD)).andExpect(redirectedUrl("/login?error=unverified"));

		MimeMessage mail = TestMailServer.awaitMail(email, "인증");
		assertThat(TestMailServer.body(mail)).contains("홍길동");
		String link = TestMailServer.linkPath(mail, "/register/verify");
		mvc.perform(get(link)).andExpect(redirectedUrl("/login?verified"));

		mvc.perform(login(email, PASSWORD)).andExpect(redirectedUrl("/dashboard"));
		assertThat(accounts.findByEmail(email)).hasValueSatisfying(account -> {
			assertThat(account.emailVerified()).isTrue();
			assertThat(account.roles()).containsExactly(Role.APPLICANT);
		});
	}

	@Test
	void aVerificationLinkWorksOnlyOnce() throws Exception {
		String email = uniqueEmail("once");
		mvc.perform(register(email, "Kim", PASSWORD, PASSWORD));
		String link = TestMailServer.linkPath(TestMailServer.awaitMail(email, "인증"), "/register/verify");
		mvc.perform(get(link)).andExpect(redirectedUrl("/login?verified"));

		mvc.perform(get(link))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("만료되었거나 이미 사용되었습니다")));
	}

	@Test
	void anExpiredVerificationLinkIsRefusedAndTheAccountStaysUnverified() throws Exception {
		AccountView account = accounts.register(uniqueEmail("expired"), "Lee", PASSWORD, Locale.KOREAN).orElseThrow();
		String token = Tokens.newToken();
		jdbc.update("""
				insert into account_tokens (token_hash, purpose, account_id, created_at, expires_at)
				values (?, 'VERIFY_EMAIL', ?, ?, ?)""", Tokens.hash(token), account.id(),
				Timestamp.from(Instant.now().minus(2, ChronoUnit.DAYS)),
				Timestamp.from(Instant.now().minus(1, ChronoUnit.DAYS)));

		mvc.perform(get("/register/verify").param("token", token))
			.andExpect(content().string(containsString("만료되었거나 이미 사용되었습니다")));
		assertThat(accounts.findByEmail(account.email()).orElseThrow().emailVerified()).isFalse();
	}

	@Test
	void aTakenAddressGetsTheSameAnswerAsANewOneAndItsOwnerIsMailed() throws Exception {
		String email = uniqueEmail("taken");
		accounts.createVerified(email, "First", PASSWORD, Set.of(Role.APPLICANT));
		String fresh = uniqueEmail("fresh");

		String takenAnswer = mvc.perform(register(email.toUpperCase(), "두번째 사람", PASSWORD, PASSWORD))
			.andExpect(redirectedUrl("/register/sent"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String freshAnswer = mvc.perform(register(fresh, "새 사람", PASSWORD, PASSWORD))
			.andExpect(redirectedUrl("/register/sent"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(takenAnswer).isEqualTo(freshAnswer);

		MimeMessage mail = TestMailServer.awaitMail(email, "가입 시도");
		assertThat(TestMailServer.body(mail)).contains("First", "/password/forgot").doesNotContain("/register/verify");
		assertThat(jdbc.queryForObject("select count(*) from accounts where lower(email) = ?", Long.class, email))
			.isEqualTo(1);
		assertThat(accounts.findByEmail(email).orElseThrow().displayName()).isEqualTo("First");
	}

	@Test
	void aTakenAddressStillGetsPasswordMessagesLikeANewOne() throws Exception {
		String email = uniqueEmail("taken-weak");
		accounts.createVerified(email, "First", PASSWORD, Set.of(Role.APPLICANT));

		mvc.perform(register(email, "두번째 사람", "short", "short"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("비밀번호는 12자 이상이어야 합니다"), containsString("value=\"두번째 사람\""),
					containsString("error-summary"))))
			.andExpect(content().string(Matchers.not(containsString("이미 가입된 이메일입니다"))));
	}

	@Test
	void weakPasswordsGetFieldMessagesInTheUsersLanguage() throws Exception {
		String email = uniqueEmail("weak");
		mvc.perform(register(email, "Park", "short", "short").cookie(new Cookie("portal-lang", "en")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The password must have at least 12 characters.")));
		mvc.perform(register(email, "Park", "password1234", "password1234"))
			.andExpect(content().string(containsString("너무 흔한 비밀번호입니다")));
		mvc.perform(register(email, "Park", PASSWORD, PASSWORD + "x"))
			.andExpect(content().string(containsString("비밀번호 확인이 일치하지 않습니다")));
		mvc.perform(register("not-an-address", "", PASSWORD, PASSWORD))
			.andExpect(content().string(allOf(containsString("올바른 이메일 주소를 입력해 주세요"), containsString("필수 입력 항목입니다"))));

		assertThat(accounts.exists(email)).isFalse();
	}

	@Test
	void aTamperedCsrfTokenChangesNothing() throws Exception {
		String email = uniqueEmail("csrf");
		mvc.perform(post("/register").with(csrf().useInvalidToken())
			.param("email", email)
			.param("displayName", "Mallory")
			.param("password", PASSWORD)
			.param("passwordConfirmation", PASSWORD))
			.andExpect(status().isForbidden())
			.andExpect(forwardedUrl("/access-denied"));
		assertThat(accounts.exists(email)).isFalse();
	}

	@Test
	void verificationCanBeResentWithoutRevealingWhetherTheAddressIsRegistered() throws Exception {
		String email = uniqueEmail("resend");
		accounts.register(email, "Choi", PASSWORD, Locale.ENGLISH);
		TestMailServer.awaitMail(email, "verify");

		mvc.perform(post("/register/resend").with(csrf()).param("email", email))
			.andExpect(redirectedUrl("/register/sent"));
		mvc.perform(post("/register/resend").with(csrf()).param("email", uniqueEmail("nobody")))
			.andExpect(redirectedUrl("/register/sent"));

		long deadline = System.currentTimeMillis() + 10_000;
		while (TestMailServer.countMailsTo(email) < 2 && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
		}
		assertThat(TestMailServer.countMailsTo(email)).isEqualTo(2);
	}

	private static MockHttpServletRequestBuilder register(String email, String name, String password,
			String confirmation) {
		return post("/register").with(csrf())
			.param("email", email)
			.param("displayName", name)
			.param("password", password)
			.param("passwordConfirmation", confirmation)
			.param("consents", "APPLICATION_DATA");
	}

}
