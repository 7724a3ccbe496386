package kr.aifellows.portal.review;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.review.pool.ReviewerPool;
import kr.aifellows.portal.review.pool.ReviewerRelation;
import kr.aifellows.portal.review.pool.ReviewerSheetImport;
import kr.aifellows.portal.review.pool.ReviewerView;
import kr.aifellows.portal.shared.ResearchArea;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.Assertions;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class ReviewerPoolTests {

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

	@Test
	void aSheetImportInvitesTheGoodRowsAndReportsEachBadRowByNumber() throws Exception {
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String good = "good-" + tag + "@uni.kr";
		String alsoGood = "also-" + tag + "@uni.kr";
		byte[] xlsx = sheet(List.of(List.of("이름", "이메일", "소속", "분야"),
				List.of("김교수", good, "KAIST 2015-2020; 서울대학교 2020-", "NLP; 강화학습"),
				List.of("No Email", "not-an-address", "", ""),
				List.of("Bad Years", "bad-" + tag + "@uni.kr", "Somewhere 2020-2010", ""),
				List.of("Bad Area", "area-" + tag + "@uni.kr", "", "Astrology"),
				List.of("Prof. Lee", alsoGood, "POSTECH (2019-)", "Computer vision")));

		String location = mvc
			.perform(multipart("/chair/reviewers/import")
				.file(new MockMultipartFile("file", "reviewers.xlsx", "application/octet-stream", xlsx))
				.with(as(chair))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/chair/reviewers/import/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String job = location.substring(location.lastIndexOf('/') + 1);
		await().atMost(Duration.ofSeconds(60)).until(() -> sheets.progress(job).orElseThrow().done());

		ReviewerSheetImport.ProgressView progress = sheets.progress(job).orElseThrow();
		assertThat(progress.imported()).isEqualTo(2);
		assertThat(progress.problems())
			.extracting(ReviewerSheetImport.RowProblem::row, ReviewerSheetImport.RowProblem::code)
			.containsExactly(Tuple.tuple(3, "reviewer.import.badEmail"),
					Tuple.tuple(4, "reviewer.import.badAffiliation"), Tuple.tuple(5, "reviewer.import.badArea"));
		mvc.perform(get(location).with(as(chair)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("import-progress")))
			.andExpect(content().string(containsString("4행")));
		ReviewerView imported = pool.all().stream().filter(r -> r.email().equals(good)).findFirst().orElseThrow();
		assertThat(imported.profile().areas()).containsExactlyInAnyOrder(ResearchArea.NLP,
				ResearchArea.REINFORCEMENT_LEARNING);
		assertThat(imported.profile().affiliations()).hasSize(2);
		assertThat(imported.profile().affiliations().get(1).endYear()).isNull();
		assertThat(TestMailServer.linkPath(TestMailServer.awaitMail(alsoGood, ""), "/invitations/accept")).isNotNull();
	}

	@Test
	void aReviewerKeepsTheirProfileAndImportsBibtexThroughThePortfolioImporter() throws Exception {
		AccountView reviewer = fixtures.account("rev", Role.REVIEWER);
		mvc.perform(post("/reviewer/profile").with(as(reviewer))
			.with(csrf())
			.param("name", "이영재")
			.param("nameRomanized", "Young-jae Lee")
			.param("areas", "NLP")
			.param("affiliations[0].institution", "KAIST")
			.param("affiliations[0].startYear", "2018")
			.param("relations[0].kind", "ADVISEE")
			.param("relations[0].name", "Minsu Kim")).andExpect(status().is3xxRedirection());
		mvc.perform(post("/reviewer/profile/publications/import").with(as(reviewer))
			.with(csrf())
			.param("bibtex",
					"""
							@inproceedings{good, title={Aligned models}, author={Lee, Young-jae and Kim, Minsu}, year={2025}, booktitle={ACL}}
							@article{bad, title={No year}, author={Someone}}
							"""));
		ReviewerView me = pool.me(reviewer.id(), reviewer.email(), reviewer.displayName());
		assertThat(me.profile().name()).isEqualTo("이영재");
		assertThat(me.profile().relations()).singleElement()
			.satisfies(r -> assertThat(r.kind()).isEqualTo(ReviewerRelation.Kind.ADVISEE));
		assertThat(me.publications()).singleElement()
			.satisfies(p -> assertThat(p.authors()).containsExactly("Young-jae Lee", "Minsu Kim"));

		mvc.perform(post("/reviewer/profile").with(as(reviewer))
			.with(csrf())
			.param("name", "이영재")
			.param("affiliations[0].institution", "KAIST")
			.param("affiliations[0].startYear", "2020")
			.param("affiliations[0].endYear", "2010"))
			.andExpect(MockMvcResultMatchers.flash().attribute("problem", "reviewer.profile.badAffiliation"));
		assertThat(pool.me(reviewer.id(), reviewer.email(), reviewer.displayName()).profile().affiliations())
			.singleElement()
			.satisfies(a -> assertThat(a.startYear()).isEqualTo(2018));
		mvc.perform(get("/chair/reviewers").with(as(reviewer))).andExpect(status().isForbidden());
	}

	@Test
	void invitingAnAddressTwiceIsRefused() {
		String chair = fixtures.account("chair", Role.CHAIR).email();
		String email = "twice-" + UUID.randomUUID().toString().substring(0, 8) + "@uni.kr";
		pool.invite(new ReviewerPool.NewReviewer("Twice", email, List.of(), Set.of()), chair, Locale.KOREAN);
		Assertions.assertThatThrownBy(() -> pool.invite(
				new ReviewerPool.NewReviewer("Twice", email.toUpperCase(Locale.ROOT), List.of(), Set.of()), chair,
				Locale.KOREAN))
			.hasMessage("reviewer.alreadyInPool");
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
