package kr.aifellows.portal.accounts.web;

import java.util.Locale;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.notifications.Notifications;
import kr.aifellows.portal.privacy.Consents;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(RegistrationController.class)
@WithMockUser
class RegistrationControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AccountManagement accounts;

	@MockitoBean
	Consents consents;

	/** The layout's header asks it for the signed-in person's unread count. */
	@MockitoBean(name = "notifications")
	Notifications notifications;

	@Test
	void theFormLabelsEveryField() throws Exception {
		mvc.perform(get("/register"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<label for=\"email\">"),
					containsString("<label for=\"displayName\">"), containsString("<label for=\"password\">"),
					containsString("<label for=\"passwordConfirmation\">"))));
	}

	@Test
	void invalidInputIsShownFieldByFieldWithoutCallingTheService() throws Exception {
		mvc.perform(post("/register").with(csrf())
			.param("email", "kim@")
			.param("displayName", "김연구")
			.param("password", "one-password-123")
			.param("passwordConfirmation", "other-password-123"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("올바른 이메일 주소를 입력해 주세요"), containsString("필수 동의 항목에 동의해야 가입할 수 있습니다"),
						containsString("비밀번호 확인이 일치하지 않습니다"), containsString("value=\"김연구\""),
						containsString("aria-invalid=\"true\""), not(containsString("one-password-123")))));
		verify(accounts, never()).register(anyString(), anyString(), anyString(), any(Locale.class));
	}

	@Test
	void aValidRegistrationRedirectsToTheCheckYourMailPage() throws Exception {
		mvc.perform(post("/register").with(csrf())
			.param("email", " kim@lab.kr ")
			.param("displayName", "김연구")
			.param("password", "one-password-123")
			.param("passwordConfirmation", "one-password-123")
			.param("consents", "APPLICATION_DATA", "LATER_CALLS"))
			.andExpect(redirectedUrl("/register/sent"))
			.andExpect(flash().attribute("email", "kim@lab.kr"));
	}

}
