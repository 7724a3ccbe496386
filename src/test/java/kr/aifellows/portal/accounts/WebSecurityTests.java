package kr.aifellows.portal.accounts;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;

import static kr.aifellows.portal.accounts.AccountTestSupport.login;
import static kr.aifellows.portal.accounts.AccountTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
class WebSecurityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	PortalUserDetailsService users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyPageCarriesSecurityHeadersAndAPolicyWithoutInlineScripts() throws Exception {
		mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(content().string(not(containsString("<script>"))))
			.andExpect(content().string(not(containsString(" style="))));
	}

	@Test
	void healthIsPublicAndMetricsAreForAdministratorsOnly() throws Exception {
		AccountView applicant = verifiedAccount(accounts, "metrics-applicant", Role.APPLICANT);
		AccountView admin = verifiedAccount(accounts, "metrics-admin", Role.ADMIN);

		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		mvc.perform(get("/actuator/prometheus")).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/actuator/prometheus").with(user(users.loadUserByUsername(applicant.email()))))
			.andExpect(status().isForbidden());
		mvc.perform(get("/actuator/prometheus").with(user(users.loadUserByUsername(admin.email()))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("jvm_memory_used_bytes")));
	}

	@Test
	void eachDashboardIsForItsRoleAndRefusalsGetAFriendlyPage() throws Exception {
		AccountView applicant = verifiedAccount(accounts, "dash-applicant", Role.APPLICANT);
		var asApplicant = user(users.loadUserByUsername(applicant.email()));

		mvc.perform(get("/applicant").with(asApplicant)).andExpect(status().isOk());
		mvc.perform(get("/dashboard").with(asApplicant)).andExpect(redirectedUrl("/applicant"));
		for (String page : new String[] { "/admin", "/chair", "/reviewer", "/fellow", "/admin/audit" }) {
			mvc.perform(get(page).with(asApplicant))
				.andExpect(status().isForbidden())
				.andExpect(forwardedUrl("/access-denied"));
		}
		mvc.perform(get("/applicant")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void loginChangesTheSessionIdAndLogoutEndsTheSession() throws Exception {
		AccountView account = verifiedAccount(accounts, "fixation", Role.APPLICANT);
		Cookie before = mvc.perform(get("/login")).andReturn().getResponse().getCookie("SESSION");
		assertThat(before).isNotNull();

		Cookie after = mvc.perform(login(account.email(), AccountTestSupport.PASSWORD).cookie(before))
			.andExpect(redirectedUrl("/dashboard"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		assertThat(after).isNotNull();
		assertThat(after.getValue()).isNotEqualTo(before.getValue());
		mvc.perform(get("/applicant").cookie(before)).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/applicant").cookie(after)).andExpect(status().isOk());

		mvc.perform(post("/logout").with(csrf()).cookie(after)).andExpect(redirectedUrl("/login?loggedOut"));
		mvc.perform(get("/applicant").cookie(after)).andExpect(redirectedUrl("/login"));
		assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'LOGOUT' and subject = ?",
				Long.class, account.email()))
			.isEqualTo(1);
	}

	@Test
	void hstsIsSentWhenCookiesAreSecureAndEveryPageCarriesAPermissionsPolicy() throws Exception {
		mvc.perform(get("/"))
			.andExpect(header().string("Permissions-Policy", containsString("camera=()")))
			.andExpect(header().doesNotExist("Strict-Transport-Security"));
		mvc.perform(get("/").secure(true))
			.andExpect(header().string("Strict-Transport-Security", containsString("max-age=31536000")));
		// Behind a proxy that ends TLS the request looks plain; Secure cookies mean HTTPS
		// all the same.
		MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/");
		assertThat(SecurityConfiguration.hstsRequests(true).matches(plain)).isTrue();
		assertThat(SecurityConfiguration.hstsRequests(false).matches(plain)).isFalse();
	}

	@Test
	void aForeignHostHeaderIsRefusedBeforeAnyRedirectIsBuilt() throws Exception {
		mvc.perform(get("/applicant").header("Host", "evil.com"))
			.andExpect(status().isBadRequest())
			.andExpect(header().doesNotExist("Location"));
		mvc.perform(get("/login").with(request -> {
			request.setServerName("evil.com");
			return request;
		})).andExpect(status().isBadRequest());
		mvc.perform(get("/applicant").header("Host", "localhost")).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/actuator/health").header("Host", "10.0.0.7")).andExpect(status().isOk());
	}

	@Test
	void rememberMeSignsInWithoutASession() throws Exception {
		AccountView account = verifiedAccount(accounts, "remember", Role.APPLICANT);
		Cookie rememberMe = mvc.perform(login(account.email(), AccountTestSupport.PASSWORD).param("remember-me", "on"))
			.andExpect(redirectedUrl("/dashboard"))
			.andReturn()
			.getResponse()
			.getCookie("portal-remember-me");
		assertThat(rememberMe).isNotNull();
		assertThat(rememberMe.isHttpOnly()).isTrue();

		mvc.perform(get("/applicant").cookie(rememberMe)).andExpect(status().isOk());
	}

	@Autowired
	LoginThrottle throttle;

	@Test
	void administratorsChangeRolesOnlyAfterConfirmingWithAReasonThatTheAuditTrailKeeps() throws Exception {
		AccountView admin = verifiedAccount(accounts, "role-admin", Role.ADMIN);
		AccountView applicant = verifiedAccount(accounts, "role-target", Role.APPLICANT);
		var asAdmin = user(users.loadUserByUsername(admin.email()));

		mvc.perform(post("/admin/accounts/{id}/roles", applicant.id()).with(csrf())
			.with(asAdmin)
			.param("role", "FELLOW")
			.param("grant", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"confirm-role\"")));
		mvc.perform(post("/admin/accounts/{id}/roles", applicant.id()).with(csrf())
			.with(asAdmin)
			.param("role", "FELLOW")
			.param("grant", "true")
			.param("confirmed", "true")
			.param("reason", " "))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"reason-error\"")));
		assertThat(accounts.findByEmail(applicant.email()).orElseThrow().roles()).containsExactly(Role.APPLICANT);

		mvc.perform(post("/admin/accounts/{id}/roles", applicant.id()).with(csrf())
			.with(asAdmin)
			.param("role", "FELLOW")
			.param("grant", "true")
			.param("confirmed", "true")
			.param("reason", "Selected in the 2026 call")).andExpect(redirectedUrl("/admin/accounts"));
		assertThat(accounts.findByEmail(applicant.email()).orElseThrow().roles())
			.containsExactlyInAnyOrder(Role.APPLICANT, Role.FELLOW);
		assertThat(jdbc.queryForObject(
				"select detail from audit_log where action = 'ROLE_GRANTED' and subject = ? and actor = ?",
				String.class, applicant.email(), admin.email()))
			.isEqualTo("role=FELLOW; reason=Selected in the 2026 call");
	}

	@Test
	void theActingAdministratorCannotDropTheirOwnAdminRoleSoThePortalKeepsOne() throws Exception {
		AccountView admin = verifiedAccount(accounts, "last-admin", Role.ADMIN);
		var asAdmin = user(users.loadUserByUsername(admin.email()));

		mvc.perform(post("/admin/accounts/{id}/roles", admin.id()).with(csrf())
			.with(asAdmin)
			.param("role", "ADMIN")
			.param("grant", "false")
			.param("confirmed", "true")
			.param("reason", "leaving"))
			.andExpect(redirectedUrl("/admin/accounts"))
			.andExpect(flash().attribute("problem", "account.cannotRevokeOwnAdmin"));
		assertThat(accounts.findByEmail(admin.email()).orElseThrow().roles()).contains(Role.ADMIN);
	}

	@Test
	void administratorsUnlockAnAccountLockedByFailedSignIns() throws Exception {
		AccountView admin = verifiedAccount(accounts, "unlock-admin", Role.ADMIN);
		AccountView locked = verifiedAccount(accounts, "unlock-target", Role.APPLICANT);
		for (int attempt = 0; attempt < 5; attempt++) {
			// From a documentation address, so that the test's own loopback address is
			// never blocked.
			throttle.recordFailure(locked.email(), "203.0.113.77");
		}
		var asAdmin = user(users.loadUserByUsername(admin.email()));
		mvc.perform(get("/admin/accounts").with(asAdmin).param("q", "unlock-target"))
			.andExpect(content().string(containsString("id=\"unlock-" + locked.id() + "\"")));

		mvc.perform(post("/admin/accounts/{id}/unlock", locked.id()).with(csrf()).with(asAdmin))
			.andExpect(redirectedUrl("/admin/accounts"));

		mvc.perform(get("/admin/accounts").with(asAdmin).param("q", "unlock-target"))
			.andExpect(content().string(not(containsString("id=\"unlock-" + locked.id() + "\""))));
		assertThat(
				jdbc.queryForObject("select count(*) from audit_log where action = 'ACCOUNT_UNLOCKED' and subject = ?",
						Long.class, locked.email()))
			.isEqualTo(1);
	}

}
