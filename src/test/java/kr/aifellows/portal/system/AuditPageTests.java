package kr.aifellows.portal.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.system.AuditLog.AuditEntryView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
class AuditPageTests {

	@Autowired
	AuditLog auditLog;

	@Autowired
	MockMvc mvc;

	@Test
	void administratorsFilterByWhoWhatAndWhenAndReadTheActionsInThePagesLanguage() throws Exception {
		auditLog.record("audit-filter-who@test.aifellows.kr", "ROLE_GRANTED", "target@test", "role=FELLOW");
		auditLog.record("audit-filter-other@test.aifellows.kr", "ROLE_GRANTED", "target@test", "role=CHAIR");
		String today = LocalDate.now(ZoneId.of("Asia/Seoul")).toString();

		mvc.perform(get("/admin/audit").with(user("admin@test").roles("ADMIN"))
			.param("actor", "audit-filter-who")
			.param("action", "ROLE_GRANTED")
			.param("from", today)
			.param("to", today))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("역할 부여")))
			.andExpect(content().string(containsString("role=FELLOW")))
			.andExpect(content().string(not(containsString("role=CHAIR"))));
		mvc.perform(get("/admin/audit").with(user("admin@test").roles("ADMIN"))
			.param("actor", "audit-filter-who")
			.param("from", LocalDate.parse(today).plusDays(1).toString()))
			.andExpect(content().string(not(containsString("role=FELLOW"))));
	}

	@Test
	void theCsvDownloadHoldsTheFilteredEntriesForExcelWithoutRunningFormulasUsersTyped() throws Exception {
		auditLog.record("audit-csv@test.aifellows.kr", "CONFLICT_WAIVED", "=HYPERLINK(\"http://evil\")", "이유, \"인용\"");

		byte[] csv = mvc
			.perform(get("/admin/audit.csv").with(user("admin@test").roles("ADMIN"))
				.param("lang", "en")
				.param("actor", "audit-csv@"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("text/csv")))
			.andExpect(header().string("Content-Disposition", containsString("audit-log.csv")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();

		String text = new String(csv, StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF\"When (KST)\"");
		assertThat(text.lines().count()).isEqualTo(2);
		assertThat(text).contains("\"Conflict waived\",\"CONFLICT_WAIVED\"", "\"'=HYPERLINK(\"\"http://evil\"\")\"",
				"\"이유, \"\"인용\"\"\"");
	}

	@Test
	void addressesAreShownAsPeopleWriteThem() {
		assertThat(view("0:0:0:0:0:0:0:1").shownAddress()).isEqualTo("::1");
		assertThat(view("2001:db8:0:0:0:0:2:1").shownAddress()).isEqualTo("2001:db8::2:1");
		assertThat(view("2001:db8:1:2:3:4:5:6").shownAddress()).isEqualTo("2001:db8:1:2:3:4:5:6");
		assertThat(view("127.0.0.1").shownAddress()).isEqualTo("127.0.0.1");
		assertThat(view(null).shownAddress()).isNull();
	}

	private static AuditEntryView view(String address) {
		return new AuditEntryView(1, Instant.now(), "someone", "LOGIN_SUCCESS", null, null, address);
	}

}
