package kr.aifellows.portal.portfolios;

import java.io.ByteArrayInputStream;
import java.time.Duration;

import jakarta.servlet.http.Cookie;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.files.FileKind;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class PortfolioWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	UserDetailsService users;

	@Test
	void everyApplicationRouteAnswersNotFoundToAnotherApplicant() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		ApplicationView application = fixtures.completeDraft(call.id(), fixtures.account("victim", Role.APPLICANT));
		RequestPostProcessor intruder = as(fixtures.account("guesser", Role.APPLICANT));
		long id = application.id();
		long fileId = application.file(FileKind.CV).id();

		for (String path : new String[] { "/applicant/applications/" + id, "/applicant/applications/" + id + "/submit",
				"/applicant/applications/" + id + "/files/" + fileId }) {
			mvc.perform(get(path).with(intruder)).andExpect(status().isNotFound());
		}
		for (String path : new String[] { "/draft", "/profile", "/proposal", "/publications/import",
				"/publications/0/delete", "/open-source/0/delete", "/files/CV/delete", "/submit", "/withdraw" }) {
			mvc.perform(post("/applicant/applications/" + id + path).with(intruder)
				.with(csrf())
				.param("bibtex", "@article{x, title={t}, author={a}, year={2020}}")
				.param("title", "hijacked")).andExpect(status().isNotFound());
		}
		mvc.perform(multipart("/applicant/applications/" + id + "/files/PORTFOLIO")
			.file(new MockMultipartFile("file", "p.pdf", "application/pdf", TestDocuments.pdf("x")))
			.with(intruder)
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/chair/calls/" + call.id() + "/applications").with(intruder))
			.andExpect(status().isForbidden());
	}

	@Test
	void theApplicantFillsSectionsThroughTheFormsAndBadInputIsExplained() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("former", Role.APPLICANT);
		RequestPostProcessor me = as(applicant);
		String location = mvc.perform(post("/applicant/calls/" + call.id() + "/apply").with(me).with(csrf()))
			.andExpect(redirectedUrlPattern("/applicant/applications/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();

		mvc.perform(post(location + "/profile").with(me)
			.with(csrf())
			.param("nameKo", "김연구")
			.param("orcid", "0000-0002-1825-0098")
			.param("affiliations[0].institution", "KAIST")
			.param("affiliations[0].startYear", "2022")
			.param("affiliations[0].endYear", "2020"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("검증 숫자가 맞지 않습니다")))
			.andExpect(content().string(containsString("종료 연도가 시작 연도보다 앞섭니다")))
			.andExpect(content().string(containsString("value=\"김연구\"")));

		mvc.perform(post(location + "/publications/import").with(me)
			.with(csrf())
			.param("bibtex",
					"@article{ok, title={Good}, author={Kim, Y.}, year={2023}, journal={JMLR}}\n"
							+ "@article{bad, title={No authors}, year={2023}}"))
			.andExpect(flash().attribute("imported", 1));
		mvc.perform(get(location).with(me))
			.andExpect(content().string(containsString("Good")))
			.andExpect(content().string(containsString("최대 30,000자")));

		mvc.perform(multipart(location + "/files/CV")
			.file(new MockMultipartFile("file", "cv.pdf", "application/pdf", TestDocuments.windowsExecutable()))
			.with(me)
			.with(csrf())).andExpect(flash().attribute("fileProblem", "file.unsupportedType"));
	}

	@Test
	void theChairCreatesACallAndExportsItsApplicationsOpenAndBlind() throws Exception {
		AccountView chair = fixtures.account("chair", Role.CHAIR);
		mvc.perform(post("/chair/calls").with(as(chair))
			.with(csrf())
			.param("titleKo", "엑셀 공고")
			.param("titleEn", "Excel call")
			.param("descriptionKo", "설명")
			.param("descriptionEn", "Description")
			.param("opensAt", "2026-01-01T09:00")
			.param("closesAt", "2025-12-31T18:00")
			.param("slots", "5")
			.param("gpuHourEnvelope", "1000")
			.param("reviewsPerApplication", "3"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("마감 시각은 시작 시각보다 늦어야 합니다")))
			.andExpect(content().string(containsString("평가 기준을 하나 이상 입력해 주세요")));

		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		fixtures.submitted(call.id(), fixtures.account("exported", Role.APPLICANT));

		byte[] open = download(
				get("/chair/calls/" + call.id() + "/applications.xlsx").param("reason", "screening").with(as(chair)));
		byte[] blind = download(get("/chair/calls/" + call.id() + "/applications.xlsx").param("blind", "true")
			.param("reason", "screening")
			.cookie(new Cookie("portal-lang", "en"))
			.with(as(chair)));

		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(open))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("이름");
			assertThat(text(sheet.getRow(1))).contains("홍길동", "KAIST", "강화학습 기반 한국어 모델 정렬");
		}
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(blind))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(text(sheet.getRow(0))).contains("Proposal title").doesNotContain("Name", "E-mail");
			assertThat(text(sheet.getRow(1))).contains("강화학습 기반 한국어 모델 정렬")
				.doesNotContain("홍길동", "Gil-dong", "KAIST", "@test.aifellows.kr", "0000-0002-1825-0097");
		}
	}

	@Test
	void aSubmittedApplicationDownloadsAsOnePdfWithItsKoreanTextAndOnlyForItsOwner() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(7));
		AccountView applicant = fixtures.account("pdf", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(call.id(), applicant);

		byte[] pdf = mvc
			.perform(get("/applicant/applications/{id}/application.pdf", submitted.id()).with(as(applicant)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();

		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains(submitted.receiptNumber(), "Gil-dong Hong", "Korean LLM evaluation")
				.as("Korean glyphs come out as text, so the font has them")
				.contains("홍길동", "강화학습 기반 한국어 모델 정렬");
		}
		mvc.perform(get("/applicant/applications/{id}/application.pdf", submitted.id())
			.with(as(fixtures.account("pdf-other", Role.APPLICANT)))).andExpect(status().isNotFound());
	}

	/** The export streams its body asynchronously. */
	private byte[] download(MockHttpServletRequestBuilder request) throws Exception {
		var started = mvc.perform(request).andReturn();
		return mvc.perform(MockMvcRequestBuilders.asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}

	private static String text(Row row) {
		StringBuilder text = new StringBuilder();
		row.forEach(cell -> text.append(cell.toString()).append('|'));
		return text.toString();
	}

	@Test
	void withdrawingWithoutJavaScriptAsksOnAPageThatSaysItCannotBeUndone() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("hesitant", Role.APPLICANT);
		ApplicationView application = fixtures.completeDraft(call.id(), applicant);
		String url = "/applicant/applications/" + application.id() + "/withdraw";

		mvc.perform(post(url).with(as(applicant)).with(csrf()).param("confirmed", "false"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("되돌릴 수 없습니다")))
			.andExpect(content().string(containsString("name=\"confirmed\" value=\"true\"")));
		assertThat(portfolios.get(application.id(), applicant.id()).status()).isEqualTo(ApplicationStatus.DRAFT);

		mvc.perform(post(url).with(as(applicant)).with(csrf()).param("confirmed", "true"))
			.andExpect(redirectedUrlPattern("/applicant/applications/*"));
		assertThat(portfolios.get(application.id(), applicant.id()).status()).isEqualTo(ApplicationStatus.WITHDRAWN);
	}

	private RequestPostProcessor as(AccountView account) {
		return SecurityMockMvcRequestPostProcessors.user(users.loadUserByUsername(account.email()));
	}

}
