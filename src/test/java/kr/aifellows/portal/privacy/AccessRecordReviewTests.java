package kr.aifellows.portal.privacy;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;

import javax.sql.DataSource;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class AccessRecordReviewTests {

	private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theMonthlyReviewHighlightsExportsUnusualHoursAndManyApplicantsAndMarkingItIsRecorded() throws Exception {
		// Wednesday 12 March 2025, Seoul time.
		write("bulk@review.test", LocalDateTime.of(2025, 3, 12, 10, 0), 0, AccessAction.EXPORT, "call:9 applications",
				"committee");
		write("night@review.test", LocalDateTime.of(2025, 3, 12, 23, 30), 501L, AccessAction.VIEW, "application:501",
				null);
		for (int i = 0; i < 30; i++) {
			write("many@review.test", LocalDateTime.of(2025, 3, 12, 14, i), 600L + i, AccessAction.VIEW,
					"application:" + (600 + i), null);
		}
		write("calm@review.test", LocalDateTime.of(2025, 3, 13, 11, 0), 700L, AccessAction.VIEW, "application:700",
				null);

		AccountView officer = fixtures.account("officer", Role.PRIVACY_OFFICER);
		String page = mvc.perform(get("/admin/access-records").param("month", "2025-03").with(as(officer)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String highlights = page.substring(page.indexOf("id=\"highlights\""), page.indexOf("id=\"mark-reviewed\""));
		assertThat(highlights).contains("highlight-EXPORT", "bulk@review.test", "call:9 applications (committee)")
			.contains("highlight-UNUSUAL_HOURS", "night@review.test")
			.contains("highlight-MANY_APPLICANTS", "many@review.test")
			.doesNotContain("calm@review.test");

		mvc.perform(post("/admin/access-records/reviewed").param("month", "2025-03")
			.param("note", "야간 조회 확인함")
			.with(as(officer))
			.with(csrf())).andExpect(redirectedUrl("/admin/access-records?month=2025-03"));
		assertThat(mvc.perform(get("/admin/access-records").param("month", "2025-03").with(as(officer)))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("id=\"month-reviewed\"", officer.email());
		assertThat(jdbc.queryForObject("""
				select count(*) from audit_log where action = 'ACCESS_RECORDS_MONTH_REVIEWED' and actor = ?
				  and subject = 'access_records:2025-03'""", Long.class, officer.email())).isEqualTo(1);

		mvc.perform(get("/admin").with(as(officer))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/access-records").with(as(fixtures.account("chair", Role.CHAIR))))
			.andExpect(status().isForbidden());
	}

	private void write(String actor, LocalDateTime seoulTime, long applicant, AccessAction action, String target,
			String reason) throws Exception {
		AccessRecords writer = new AccessRecords(dataSource, Clock.fixed(seoulTime.atZone(SEOUL).toInstant(), SEOUL));
		try {
			writer.record(actor, applicant == 0 ? null : applicant, action, target, reason);
		}
		finally {
			writer.destroy();
		}
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
