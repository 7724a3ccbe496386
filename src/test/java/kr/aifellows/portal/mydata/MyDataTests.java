package kr.aifellows.portal.mydata;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.notifications.Notifications;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class MyDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	UserDetailsService users;

	@Autowired
	Notifications notifications;

	@Test
	void theArchiveHoldsMyAccountApplicationsOriginalFilesAndTheAccessRecordsAboutMeAndNothingOfOthers()
			throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView me = fixtures.account("mine", Role.APPLICANT);
		ApplicationView mine = fixtures.submitted(call.id(), me);
		AccountView other = fixtures.account("other", Role.APPLICANT);
		ApplicationView theirs = fixtures.submitted(call.id(), other);
		AccountView chair = fixtures.account("viewer", Role.CHAIR);
		mvc.perform(get("/chair/applications/" + mine.id()).with(as(chair))).andExpect(status().isOk());

		await().atMost(Duration.ofSeconds(20)).until(() -> !notifications.recent(me.id(), 5).isEmpty());
		MvcResult started = mvc.perform(get("/account/my-data.zip").with(as(me))).andReturn();
		byte[] zip = mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Map<String, byte[]> entries = unzip(zip);

		assertThat(entries).containsKeys("account.json", "consents.json", "decisions.json", "access-records.json",
				"applications/" + mine.id() + "/application.json", "applications/" + mine.id() + "/corrections.json",
				"api-tokens.json");
		assertThat(text(entries, "account.json")).contains(me.email());
		assertThat(text(entries, "notifications.json")).contains(mine.receiptNumber());
		assertThat(text(entries, "applications/" + mine.id() + "/application.json")).contains("홍길동",
				mine.receiptNumber());
		assertThat(text(entries, "access-records.json")).contains(chair.email(), "application:" + mine.id());
		long fileId = mine.files().get(0).id();
		byte[] original;
		try (InputStream content = portfolios.openFile(mine.id(), me.id(), fileId).content().open()) {
			original = content.readAllBytes();
		}
		assertThat(sha256(entries.get("applications/" + mine.id() + "/files/" + fileId + "-cv.pdf")))
			.isEqualTo(sha256(original));
		assertThat(entries.keySet()).noneMatch(name -> name.contains("/" + theirs.id() + "/"));
		assertThat(new String(zip, StandardCharsets.ISO_8859_1)).doesNotContain(other.email());

		mvc.perform(get("/account/my-data.zip")).andExpect(status().is3xxRedirection());
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	private static String text(Map<String, byte[]> entries, String name) {
		return new String(entries.get(name), StandardCharsets.UTF_8);
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
