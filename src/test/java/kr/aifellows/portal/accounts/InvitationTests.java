package kr.aifellows.portal.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static kr.aifellows.portal.accounts.AccountTestSupport.PASSWORD;
import static kr.aifellows.portal.accounts.AccountTestSupport.login;
import static kr.aifellows.portal.accounts.AccountTestSupport.uniqueEmail;
import static kr.aifellows.portal.accounts.AccountTestSupport.verifiedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
class InvitationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountManagement accounts;

	@Autowired
	PortalUserDetailsService users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aChairInvitesAReviewerWhoCreatesAnAccountFromTheLink() throws Exception {
		AccountView chair = verifiedAccount(accounts, "chair", Role.CHAIR);
		String invitee = uniqueEmail("reviewer");

		mvc.perform(post("/invitations").with(csrf())
			.with(user(users.loadUserByUsername(chair.email())))
			.param("email", invitee)
			.param("role", "REVIEWER")).andExpect(redirectedUrl("/invitations"));

		String link = TestMailServer.linkPath(TestMailServer.awaitMail(invitee, "초대"), "/invitations/accept");
		String token = link.substring(link.indexOf("token=") + "token=".length());
		mvc.perform(get(link)).andExpect(content().string(containsString("심사위원")));
		mvc.perform(post("/invitations/accept").with(csrf())
			.param("token", token)
			.param("displayName", "초대받은 심사위원")
			.param("password", PASSWORD)
			.param("passwordConfirmation", PASSWORD)).andExpect(redirectedUrl("/login?invitationAccepted"));

		assertThat(accounts.findByEmail(invitee).orElseThrow().roles()).containsExactly(Role.REVIEWER);
		mvc.perform(login(invitee, PASSWORD)).andExpect(redirectedUrl("/dashboard"));
		mvc.perform(get(link)).andExpect(content().string(containsString("초대 링크가 만료되었거나 이미 사용되었습니다")));
		assertThat(jdbc.queryForObject(
				"select count(*) from audit_log where action in ('INVITATION_SENT', 'INVITATION_ACCEPTED') and subject = ?",
				Long.class, invitee))
			.isEqualTo(2);
	}

	@Test
	void anExistingAccountAcceptsWhileSignedInAndGainsTheRole() throws Exception {
		AccountView chair = verifiedAccount(accounts, "chair2", Role.CHAIR);
		AccountView applicant = verifiedAccount(accounts, "applicant-invitee", Role.APPLICANT);
		accounts.invite(applicant.email(), Role.REVIEWER, chair.email(), Locale.KOREAN);
		String link = TestMailServer.linkPath(TestMailServer.awaitMail(applicant.email(), "초대"), "/invitations/accept");
		String token = link.substring(link.indexOf("token=") + "token=".length());

		mvc.perform(post("/invitations/accept").with(csrf()).param("token", token))
			.andExpect(content().string(containsString("먼저 로그인한 뒤")));
		mvc.perform(post("/invitations/accept").with(csrf())
			.with(user(users.loadUserByUsername(applicant.email())))
			.param("token", token)).andExpect(redirectedUrl("/login?roleAdded"));

		assertThat(accounts.findByEmail(applicant.email()).orElseThrow().roles())
			.containsExactlyInAnyOrder(Role.APPLICANT, Role.REVIEWER);
	}

	@Test
	void aChairCannotInviteAnAdministratorAndApplicantsCannotInviteAtAll() throws Exception {
		AccountView chair = verifiedAccount(accounts, "chair3", Role.CHAIR);
		AccountView applicant = verifiedAccount(accounts, "plain", Role.APPLICANT);
		String target = uniqueEmail("would-be-admin");

		mvc.perform(post("/invitations").with(csrf())
			.with(user(users.loadUserByUsername(chair.email())))
			.param("email", target)
			.param("role", "ADMIN")).andExpect(content().string(containsString("이 역할로 초대할 권한이 없습니다")));
		mvc.perform(get("/invitations").with(user(users.loadUserByUsername(applicant.email()))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/invitations").with(csrf())
			.with(user(users.loadUserByUsername(applicant.email())))
			.param("email", target)
			.param("role", "REVIEWER")).andExpect(status().isForbidden());

		assertThat(jdbc.queryForObject("select count(*) from invitations where email = ?", Long.class, target))
			.isZero();
	}

	@Test
	void anExpiredInvitationIsRefused() throws Exception {
		String token = Tokens.newToken();
		String invitee = uniqueEmail("late");
		jdbc.update("""
				insert into invitations (email, role, invited_by, token_hash, created_at, expires_at)
				values (?, 'REVIEWER', 'chair@test', ?, ?, ?)""", invitee, Tokens.hash(token),
				Timestamp.from(Instant.now().minus(8, ChronoUnit.DAYS)),
				Timestamp.from(Instant.now().minus(1, ChronoUnit.DAYS)));

		mvc.perform(get("/invitations/accept").param("token", token))
			.andExpect(content().string(containsString("초대 링크가 만료되었거나")));
		mvc.perform(post("/invitations/accept").with(csrf())
			.param("token", token)
			.param("displayName", "Late")
			.param("password", PASSWORD)
			.param("passwordConfirmation", PASSWORD)).andExpect(content().string(containsString("초대 링크가 만료되었거나")));
		assertThat(accounts.exists(invitee)).isFalse();
	}

}
