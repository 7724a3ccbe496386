package kr.aifellows.portal.portfolios;

import java.time.Duration;
import java.util.List;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.privacy.PrivacyRequests;
import kr.aifellows.portal.search.SearchIndex;
import kr.aifellows.portal.search.SearchQuery;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A correction after submit goes through the applicant's request, and the chair makes it
 * in the portal, where it is recorded as the committee's change: under the request, in
 * the audit log and in the access records.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ApplicationCorrectionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	PrivacyRequests requests;

	@Autowired
	ApplicationCatalog catalog;

	@Autowired
	SearchIndex index;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theChairCorrectsTheRequestersSubmittedProfileAndTheChangeIsRecordedAsTheCommittees() throws Exception {
		AccountView applicant = fixtures.account("corrected", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(fixtures.openCall(Duration.ofDays(3)).id(), applicant);
		long request = correctionRequest(applicant, "소속을 POSTECH으로 고쳐 주세요");
		AccountView chair = fixtures.account("chair", Role.CHAIR);

		mvc.perform(get("/chair/corrections").with(as(chair)))
			.andExpect(content().string(containsString("/chair/corrections/" + request + "\"")));
		mvc.perform(get("/chair/corrections/" + request).with(as(chair)))
			.andExpect(content().string(allOf(containsString("소속을 POSTECH으로 고쳐 주세요"),
					containsString("/chair/corrections/" + request + "/applications/" + submitted.id()))));
		mvc.perform(get(form(request, submitted)).with(as(chair)))
			.andExpect(content().string(allOf(containsString("value=\"Gil-dong Hong\""), containsString("KAIST"),
					containsString("action=\"" + form(request, submitted) + "\""),
					containsString(submitted.receiptNumber()))));

		mvc.perform(correct(request, submitted, chair, "Gildong Hong", "POSTECH", submitted.profile().orcid()))
			.andExpect(redirectedUrl("/chair/corrections/" + request));

		ApplicationView corrected = catalog.forReview(submitted.id());
		assertThat(corrected.status()).isEqualTo(ApplicationStatus.SUBMITTED);
		assertThat(corrected.profile().nameRomanized()).isEqualTo("Gildong Hong");
		assertThat(corrected.profile().affiliations()).extracting(Affiliation::institution)
			.containsExactly("POSTECH", "Seoul National University");
		assertThat(corrected.receiptNumber()).isEqualTo(submitted.receiptNumber());
		mvc.perform(get("/chair/corrections/" + request).with(as(chair)))
			.andExpect(content().string(allOf(containsString("id=\"corrections-made\""),
					containsString("이름 (로마자), 소속 (현재와 과거)"), containsString(chair.email()))));
		assertThat(jdbc.queryForObject(
				"select detail from audit_log where action = 'APPLICATION_CORRECTED' and subject = ?", String.class,
				"application:" + submitted.id()))
			.isEqualTo("privacy_request:" + request + " nameRomanized,affiliations");
		assertThat(jdbc.queryForList(
				"select action from access_records where actor = ? and applicant_account_id = ? order by id",
				String.class, chair.email(), applicant.id()))
			.as("the chair's views (request, form, request again) and the change, each recorded")
			.containsExactly("VIEW", "VIEW", "CHANGE", "VIEW");
		mvc.perform(get("/applicant/applications/" + submitted.id()).with(as(applicant)))
			.andExpect(content().string(allOf(containsString("id=\"committee-corrections\""),
					containsString("이름 (로마자), 소속 (현재와 과거)"), containsString("Gildong Hong"))));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(index.search(SearchQuery.chair(submitted.callId(), "POSTECH")).ids())
				.as("the search index reads the corrected application")
				.contains(Long.toString(submitted.id())));
	}

	@Test
	void aRefusedCorrectionShowsWhatWasTypedAndChangesNothing() throws Exception {
		AccountView applicant = fixtures.account("refused", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(fixtures.openCall(Duration.ofDays(3)).id(), applicant);
		long request = correctionRequest(applicant, "ORCID를 고쳐 주세요");
		AccountView chair = fixtures.account("chair", Role.CHAIR);

		mvc.perform(correct(request, submitted, chair, "Gildong Hong", "POSTECH", "0000-0002-1825-0098"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"error-summary\""),
					containsString("value=\"0000-0002-1825-0098\""), containsString("value=\"POSTECH\""))));
		mvc.perform(correct(request, submitted, chair, "Gil-dong Hong", "KAIST", submitted.profile().orcid()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("바뀐 항목이 없습니다")));
		assertThat(catalog.forReview(submitted.id()).profile()).isEqualTo(submitted.profile());
		assertThat(jdbc.queryForObject("select count(*) from application_corrections where request_id = ?", Long.class,
				request))
			.isZero();
	}

	@Test
	void onlyTheRequestersNonDraftApplicationsUnderAnOpenRequestCanBeCorrected() throws Exception {
		AccountView applicant = fixtures.account("owner", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(fixtures.openCall(Duration.ofDays(3)).id(), applicant);
		AccountView other = fixtures.account("other", Role.APPLICANT);
		ApplicationView othersDraft = fixtures.completeDraft(fixtures.openCall(Duration.ofDays(3)).id(), other);
		ApplicationView othersSubmitted = fixtures.submitted(fixtures.openCall(Duration.ofDays(3)).id(), other);
		long request = correctionRequest(applicant, "이름을 고쳐 주세요");
		long othersRequest = correctionRequest(other, "이름을 고쳐 주세요");
		AccountView chair = fixtures.account("chair", Role.CHAIR);

		mvc.perform(get(form(request, othersSubmitted)).with(as(chair))).andExpect(status().isNotFound());
		mvc.perform(
				correct(request, othersSubmitted, chair, "Someone Else", "KAIST", othersSubmitted.profile().orcid()))
			.andExpect(status().isNotFound());
		mvc.perform(get(form(othersRequest, othersDraft)).with(as(chair))).andExpect(status().isNotFound());
		mvc.perform(get("/chair/corrections/" + othersRequest).with(as(chair)))
			.andExpect(content().string(allOf(containsString("/applications/" + othersSubmitted.id() + "\""),
					not(containsString("/applications/" + othersDraft.id() + "\"")))));
		long deletion = deletionRequest(applicant);
		mvc.perform(get("/chair/corrections/" + deletion).with(as(chair))).andExpect(status().isNotFound());

		requests.answer(request, PrivacyRequests.Kind.CORRECTION, chair.email(), "고쳤습니다");
		mvc.perform(correct(request, submitted, chair, "Gildong Hong", "KAIST", submitted.profile().orcid()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("이미 답변한 요구입니다")));
		assertThat(catalog.forReview(submitted.id()).profile()).isEqualTo(submitted.profile());
		assertThat(catalog.forReview(othersSubmitted.id()).profile()).isEqualTo(othersSubmitted.profile());
		mvc.perform(get("/chair/corrections/" + request).with(as(applicant))).andExpect(status().isForbidden());
	}

	private long correctionRequest(AccountView applicant, String details) {
		requests.file(applicant.id(), applicant.email(), PrivacyRequests.Kind.CORRECTION, details);
		return newest(applicant);
	}

	private long deletionRequest(AccountView applicant) {
		requests.file(applicant.id(), applicant.email(), PrivacyRequests.Kind.DELETION, "지워 주세요");
		return newest(applicant);
	}

	private long newest(AccountView applicant) {
		List<PrivacyRequests.RequestView> mine = requests.mine(applicant.id());
		return mine.stream().mapToLong(PrivacyRequests.RequestView::id).max().orElseThrow();
	}

	private static String form(long request, ApplicationView application) {
		return "/chair/corrections/" + request + "/applications/" + application.id();
	}

	private MockHttpServletRequestBuilder correct(long request, ApplicationView application, AccountView chair,
			String romanized, String institution, String orcid) {
		Profile profile = application.profile();
		return post(form(request, application)).param("nameKo", profile.nameKo())
			.param("nameRomanized", romanized)
			.param("orcid", orcid)
			.param("areas", profile.areas().stream().map(Enum::name).toArray(String[]::new))
			.param("affiliations[0].institution", institution)
			.param("affiliations[0].title", "PhD student")
			.param("affiliations[0].startYear", "2021")
			.param("affiliations[1].institution", "Seoul National University")
			.param("affiliations[1].title", "BS")
			.param("affiliations[1].startYear", "2016")
			.param("affiliations[1].endYear", "2020")
			.with(as(chair))
			.with(csrf());
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
