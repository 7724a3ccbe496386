package kr.aifellows.portal.review;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.ApplicationView;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.portfolios.Portfolios;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.review.assignment.AssignmentState;
import kr.aifellows.portal.review.assignment.AssignmentView;
import kr.aifellows.portal.review.assignment.Assignments;
import kr.aifellows.portal.review.conflicts.ConflictChecks;
import kr.aifellows.portal.review.conflicts.ConflictSeverity;
import kr.aifellows.portal.review.conflicts.ConflictSource;
import kr.aifellows.portal.review.conflicts.ConflictView;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerSheetImport;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The conflict set of issue 25 entered through the portal's pages (applicant profile,
 * BibTeX and exclusion forms; reviewer profile and BibTeX forms; the chair's sheet
 * import), then a review round with automatic assignment. Prints the detection and
 * false-alarm counts.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ConflictSetTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	UserDetailsService users;

	@Autowired
	ReviewerPool pool;

	@Autowired
	ReviewerSheetImport sheets;

	@Autowired
	Assignments assignments;

	@Autowired
	ConflictChecks conflicts;

	@Autowired
	Portfolios portfolios;

	@Test
	void everyRealConflictIsFoundNoOneIsAssignedAcrossOneAndLookAlikesGetNoHighFlag() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		List<ConflictSet.Case> cases = ConflictSet.cases();
		assertThat(cases.stream().filter(ConflictSet.Case::conflict)).hasSize(27);
		assertThat(cases.stream().filter(c -> !c.conflict())).hasSize(9);

		Map<ConflictSet.Case, ApplicationView> applications = new LinkedHashMap<>();
		for (ConflictSet.Case c : cases) {
			applications.put(c, apply(call, c.applicant()));
		}
		Map<ConflictSet.Case, AccountView> reviewerAccounts = new LinkedHashMap<>();
		cases.forEach(c -> reviewerAccounts.put(c, fixtures.account("coi-rev", Role.REVIEWER)));
		importSheet(chair, cases.stream().filter(c -> c.reviewer().sheet).toList(), reviewerAccounts);
		for (ConflictSet.Case c : cases) {
			if (!c.reviewer().sheet) {
				reviewerForms(chair, c, reviewerAccounts.get(c), applications.get(c));
			}
		}
		for (int i = 0; i < 6; i++) {
			AccountView panel = fixtures.account("coi-panel", Role.REVIEWER);
			mvc.perform(post("/chair/reviewers").with(as(chair))
				.with(csrf())
				.param("name", "Panel Member " + (char) ('A' + i))
				.param("email", panel.email())
				.param("areas", "NLP")).andExpect(status().is3xxRedirection());
		}

		mvc.perform(post("/chair/calls/" + call.id() + "/review/assign").with(as(chair)).with(csrf()))
			.andExpect(status().is3xxRedirection());

		List<AssignmentView> active = assignments.forCall(call.id())
			.stream()
			.filter(a -> a.state() == AssignmentState.ACTIVE)
			.toList();
		assertThat(active).as("the assignment ran").isNotEmpty();
		List<ConflictView> found = conflicts.forCall(call.id());
		List<String> missed = new ArrayList<>();
		List<String> assignedAcross = new ArrayList<>();
		List<String> highOnLookAlikes = new ArrayList<>();
		List<String> mediumOnLookAlikes = new ArrayList<>();
		int detected = 0;
		for (ConflictSet.Case c : cases) {
			long applicationId = applications.get(c).id();
			long reviewerId = reviewerId(reviewerAccounts.get(c));
			List<ConflictView> pair = found.stream()
				.filter(f -> f.applicationId() == applicationId && f.reviewerId() == reviewerId)
				.toList();
			boolean assigned = active.stream()
				.anyMatch(a -> a.applicationId() == applicationId && a.reviewerId() == reviewerId);
			if (c.conflict()) {
				if (pair.isEmpty()) {
					missed.add(c.label());
				}
				else {
					detected++;
				}
				if (assigned) {
					assignedAcross.add(c.label());
				}
			}
			else if (pair.stream().anyMatch(f -> f.severity() == ConflictSeverity.HIGH)) {
				highOnLookAlikes.add(c.label() + " " + pair);
			}
			else if (!pair.isEmpty()) {
				mediumOnLookAlikes.add(c.label());
			}
		}
		System.out.printf(
				"CONFLICT SET: detected %d of 27 real conflicts; assigned across a conflict: %d;"
						+ " HIGH flags on look-alikes: %d of 9; MEDIUM (waivable) on look-alikes: %d of 9 %s%n",
				detected, assignedAcross.size(), highOnLookAlikes.size(), mediumOnLookAlikes.size(),
				mediumOnLookAlikes);
		assertThat(missed).as("missed conflicts").isEmpty();
		assertThat(assignedAcross).as("assigned across a conflict").isEmpty();
		assertThat(highOnLookAlikes).as("HIGH flags on look-alikes").isEmpty();
		assertThat(active)
			.allSatisfy(a -> assertThat(conflicts.isConflicted(a.applicationId(), a.reviewerId())).isFalse());

		// The chair reads why, in Korean and in English.
		String page = "/chair/calls/" + call.id() + "/review";
		mvc.perform(get(page).with(as(chair)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("심사위원 소속 “한국과학기술원”(2012–)과 지원자 소속 “KAIST AI Graduate School”")))
			.andExpect(content().string(containsString("같은 기관 KAIST (한국과학기술원)")))
			.andExpect(content().string(containsString("지원자가 지도 관계로 적은 “배현석 교수님”이 심사위원 이름 “Hyun-seok Bae”과 맞습니다")))
			.andExpect(content().string(containsString("황 + 보라")));
		mvc.perform(get(page).param("lang", "en").with(as(chair)))
			.andExpect(content().string(
					containsString("Author “Jihoon Kwak” of the reviewer&#39;s paper “Reasoning in Korean” (2025)")))
			.andExpect(content().string(containsString("Same name only: reviewer “김민준” and applicant “김민준”")));
	}

	@Test
	void aChairMergesTwoSpellingsAndSeesTheConflictsThatAppear() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		String tag = UUID.randomUUID().toString().substring(0, 6);
		ConflictSet.Case c = new ConflictSet.Case("merge", true,
				ConflictSet.a("모하린", "Ha-rin Mo").aff("Aitrics" + tag + " Inc.", 2023, null),
				ConflictSet.form("Dae-sung Ha", null).aff("에이아이트릭스" + tag, 2019, null));
		ApplicationView application = apply(call, c.applicant());
		AccountView reviewer = fixtures.account("coi-rev", Role.REVIEWER);
		reviewerForms(chair, c, reviewer, application);
		long reviewerId = reviewerId(reviewer);
		assertThat(conflicts.isConflicted(application.id(), reviewerId)).isFalse();

		mvc.perform(get("/chair/institutions").with(as(chair)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("에이아이트릭스" + tag)));
		mvc.perform(get("/chair/institutions").param("check", "서울대 AI연구원").with(as(chair)))
			.andExpect(content().string(containsString("SNU (서울대학교)")));
		mvc.perform(post("/chair/institutions/merge").with(as(chair))
			.with(csrf())
			.param("spelling", "에이아이트릭스" + tag)
			.param("into", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("merge-error")))
			.andExpect(content().string(containsString("value=\"에이아이트릭스" + tag + "\"")));
		mvc.perform(post("/chair/institutions/merge").with(as(chair))
			.with(csrf())
			.param("spelling", "에이아이트릭스" + tag)
			.param("into", "KAIST / NAVER")).andExpect(content().string(containsString("기관을 하나로 정할 수 없습니다")));
		mvc.perform(post("/chair/institutions/merge").with(as(reviewer))
			.with(csrf())
			.param("spelling", "x")
			.param("into", "y")).andExpect(status().isForbidden());

		mvc.perform(post("/chair/institutions/merge").with(as(chair))
			.with(csrf())
			.param("spelling", "에이아이트릭스" + tag)
			.param("into", "Aitrics" + tag + " Inc."))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("merge-outcome")))
			.andExpect(content().string(containsString("conflicts-added")))
			.andExpect(content().string(containsString("Dae-sung Ha")));
		assertThat(conflicts.isConflicted(application.id(), reviewerId)).isTrue();
		assertThat(conflicts.forCall(call.id())).anySatisfy(f -> {
			assertThat(f.reviewerId()).isEqualTo(reviewerId);
			assertThat(f.source()).isEqualTo(ConflictSource.AFFILIATION);
			assertThat(f.evidence()).contains("에이아이트릭스" + tag, "Aitrics" + tag + " Inc.");
		});
		mvc.perform(post("/chair/institutions/merge").with(as(chair))
			.with(csrf())
			.param("spelling", "에이아이트릭스" + tag)
			.param("into", "Aitrics" + tag + " Inc.")).andExpect(content().string(containsString("이미")));
	}

	@Test
	void orcidIdsAreNormalisedWhereverTheyAreEnteredAndAWrongCheckDigitIsRefusedNextToTheField() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("orcid", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		String url = "/applicant/applications/" + draft.id() + "/profile";
		mvc.perform(profile(post(url), "0000-0002-1825-0098").with(as(applicant)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("orcid-error")))
			.andExpect(content().string(containsString("검증 숫자가 맞지 않습니다")))
			.andExpect(content().string(containsString("value=\"0000-0002-1825-0098\"")));
		mvc.perform(profile(post(url), "not an id").with(as(applicant)).with(csrf()))
			.andExpect(content().string(containsString("16자리")));
		mvc.perform(profile(post(url), "https://orcid.org/0000-0002-1694-233x").with(as(applicant)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(portfolios.get(draft.id(), applicant.id()).profile().orcid()).isEqualTo("0000-0002-1694-233X");
		mvc.perform(profile(post(url), "000000021825009 7").with(as(applicant)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(portfolios.get(draft.id(), applicant.id()).profile().orcid()).isEqualTo("0000-0002-1825-0097");

		AccountView reviewer = fixtures.account("orcid-rev", Role.REVIEWER);
		// The refusal's flash attribute lives in the (database) session: follow the
		// redirect in it.
		Cookie session = mvc
			.perform(post("/reviewer/profile").with(as(reviewer))
				.with(csrf())
				.param("name", "심사위원")
				.param("orcid", "0000-0002-1694-2330"))
			.andExpect(flash().attribute("problem", "orcid.checksum"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		mvc.perform(get("/reviewer/profile").with(as(reviewer)).cookie(session))
			.andExpect(content().string(containsString("orcid-error")));
		mvc.perform(post("/reviewer/profile").with(as(reviewer))
			.with(csrf())
			.param("name", "심사위원")
			.param("orcid", "0000000216942 33x")).andExpect(flash().attribute("saved", true));
		assertThat(pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).profile().orcid())
			.isEqualTo("0000-0002-1694-233X");

		AccountView chair = fixtures.account("chair", Role.CHAIR);
		String bad = "orcid-bad-" + UUID.randomUUID().toString().substring(0, 6) + "@uni.kr";
		ReviewerSheetImport.ProgressView progress = sheets
			.importNow(sheet(List.of(List.of("이름", "이메일", "소속", "분야", "ORCID", "영문 이름"),
					List.of("나쁜번호", bad, "", "NLP", "0000-0002-1825-0098", ""))), chair.email(), Locale.KOREAN);
		assertThat(progress.problems()).extracting(ReviewerSheetImport.RowProblem::code)
			.containsExactly("reviewer.import.orcidChecksum");
	}

	private MockHttpServletRequestBuilder profile(MockHttpServletRequestBuilder request, String orcid) {
		return request.param("nameKo", "김연구")
			.param("nameRomanized", "Yeon-gu Kim")
			.param("orcid", orcid)
			.param("areas", "NLP")
			.param("affiliations[0].institution", "KAIST")
			.param("affiliations[0].startYear", "2021");
	}

	/** The applicant's side, through the application's pages, then submitted. */
	private ApplicationView apply(CallSummary call, ConflictSet.Applicant side) throws Exception {
		AccountView account = fixtures.account("coi-app", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), account);
		String base = "/applicant/applications/" + draft.id();
		RequestPostProcessor me = as(account);
		mvc.perform(post(base + "/publications/0/delete").with(me).with(csrf())).andExpect(status().is3xxRedirection());
		MockHttpServletRequestBuilder profile = post(base + "/profile").with(me)
			.with(csrf())
			.param("nameKo", side.nameKo)
			.param("nameRomanized", side.nameRomanized)
			.param("orcid", side.orcid == null ? "" : side.orcid)
			.param("areas", "NLP");
		for (int i = 0; i < side.affiliations.size(); i++) {
			ConflictSet.Aff aff = side.affiliations.get(i);
			profile.param("affiliations[" + i + "].institution", aff.institution())
				.param("affiliations[" + i + "].title", "Researcher")
				.param("affiliations[" + i + "].startYear", Integer.toString(aff.start()))
				.param("affiliations[" + i + "].endYear", aff.end() == null ? "" : aff.end().toString());
		}
		mvc.perform(profile).andExpect(status().is3xxRedirection());
		if (side.bibtex != null) {
			mvc.perform(post(base + "/publications/import").with(me).with(csrf()).param("bibtex", side.bibtex))
				.andExpect(flash().attribute("imported", 1));
		}
		if (!side.exclusions.isEmpty()) {
			MockHttpServletRequestBuilder exclusions = post(base + "/exclusions").with(me).with(csrf());
			for (int i = 0; i < side.exclusions.size(); i++) {
				String[] person = side.exclusions.get(i);
				exclusions.param("people[" + i + "].name", person[0])
					.param("people[" + i + "].email", person[1])
					.param("people[" + i + "].reason", "conflict set")
					.param("people[" + i + "].advisor", person[2]);
			}
			mvc.perform(exclusions).andExpect(status().is3xxRedirection());
		}
		return portfolios.submit(draft.id(), account.id(), Instant.now(), Locale.KOREAN);
	}

	/**
	 * A reviewer invited on the chair's pool page who fills in their profile and BibTeX.
	 */
	private void reviewerForms(AccountView chair, ConflictSet.Case c, AccountView account, ApplicationView application)
			throws Exception {
		ConflictSet.Reviewer side = c.reviewer();
		mvc.perform(post("/chair/reviewers").with(as(chair))
			.with(csrf())
			.param("name", side.name)
			.param("email", account.email())
			.param("areas", "NLP")).andExpect(status().is3xxRedirection());
		MockHttpServletRequestBuilder profile = post("/reviewer/profile").with(as(account))
			.with(csrf())
			.param("name", side.name)
			.param("nameRomanized", side.nameRomanized == null ? "" : side.nameRomanized)
			.param("orcid", side.orcid == null ? "" : side.orcid)
			.param("areas", "NLP");
		for (int i = 0; i < side.affiliations.size(); i++) {
			ConflictSet.Aff aff = side.affiliations.get(i);
			profile.param("affiliations[" + i + "].institution", aff.institution())
				.param("affiliations[" + i + "].startYear", Integer.toString(aff.start()))
				.param("affiliations[" + i + "].endYear", aff.end() == null ? "" : aff.end().toString());
		}
		for (int i = 0; i < side.relations.size(); i++) {
			String[] relation = side.relations.get(i);
			String email = "APPLICANT".equals(relation[2]) ? application.applicantEmail().toUpperCase(Locale.ROOT)
					: relation[2];
			profile.param("relations[" + i + "].kind", relation[0])
				.param("relations[" + i + "].name", relation[1])
				.param("relations[" + i + "].email", email);
		}
		mvc.perform(profile).andExpect(flash().attribute("saved", true));
		if (side.bibtex != null) {
			mvc.perform(post("/reviewer/profile/publications/import").with(as(account))
				.with(csrf())
				.param("bibtex", side.bibtex)).andExpect(status().is3xxRedirection());
			assertThat(pool.me(account.id(), account.email(), account.displayName()).publications()).hasSize(1);
		}
	}

	/**
	 * The chair's sheet import, with ORCID iDs and romanised names in the optional
	 * columns.
	 */
	private void importSheet(AccountView chair, List<ConflictSet.Case> cases,
			Map<ConflictSet.Case, AccountView> accounts) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("이름", "이메일", "소속", "분야", "ORCID", "영문 이름"));
		for (ConflictSet.Case c : cases) {
			ConflictSet.Reviewer side = c.reviewer();
			String affiliations = side.affiliations.stream()
				.map(a -> a.institution() + " " + a.start() + "-" + (a.end() == null ? "" : a.end()))
				.collect(Collectors.joining("; "));
			rows.add(List.of(side.name, accounts.get(c).email(), affiliations, "NLP",
					side.orcid == null ? "" : side.orcid, side.nameRomanized == null ? "" : side.nameRomanized));
		}
		String location = mvc
			.perform(multipart("/chair/reviewers/import")
				.file(new MockMultipartFile("file", "reviewers.xlsx", "application/octet-stream", sheet(rows)))
				.with(as(chair))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String job = location.substring(location.lastIndexOf('/') + 1);
		await().atMost(Duration.ofSeconds(120)).until(() -> sheets.progress(job).orElseThrow().done());
		ReviewerSheetImport.ProgressView progress = sheets.progress(job).orElseThrow();
		assertThat(progress.problems()).isEmpty();
		assertThat(progress.imported()).isEqualTo(cases.size());
	}

	private long reviewerId(AccountView account) {
		return pool.me(account.id(), account.email(), account.displayName()).id();
	}

	private static byte[] sheet(List<List<String>> rows) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet();
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < rows.get(r).size(); c++) {
					row.createCell(c).setCellValue(rows.get(r).get(c));
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
