package kr.aifellows.portal.portfolios;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.files.FileKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.ContentDisposition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * Hostile uploads through the page, as a browser sends them: each is answered on the
 * application's page with a message next to the files, and nothing is stored; downloads
 * are attachments with a safe name, the detected type and {@code nosniff}. (The
 * inspection itself: {@link UploadTests}.)
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class UploadHttpTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void hostileUploadsGetAMessageOnThePageAndStoreNothing() throws Exception {
		AccountView applicant = fixtures.account("upload-http", Role.APPLICANT);
		ApplicationView draft = portfolios.startOrResume(fixtures.openCall(Duration.ofDays(1)).id(),
				PortfolioFixtures.applicant(applicant));
		Map<String, MockMultipartFile> hostile = new LinkedHashMap<>();
		hostile.put("executable named .pdf", file("setup.pdf", TestDocuments.windowsExecutable()));
		hostile.put("HTML named .pdf", file("cv.pdf",
				"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8)));
		hostile.put("SVG named .pdf", file("cv.pdf",
				"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8)));
		hostile.put("HTML after a PDF header",
				file("cv.pdf", "%PDF-1.4\n<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
		hostile.put("zip bomb", file("portfolio.docx", TestDocuments.docxZipBomb()));
		hostile.put("path traversal", file("../../etc/passwd.pdf", TestDocuments.pdf("x")));
		hostile.put("control characters", file("cv\r\nContent-Type: text/html\u0000.pdf", TestDocuments.pdf("x")));
		hostile.put("encrypted", file("secret.pdf", TestDocuments.pdf("secret", 0, "hunter2")));
		hostile.put("JavaScript in a PDF", file("cv.pdf", TestDocuments.pdfWith(TestDocuments.Active.OPEN_ACTION)));
		hostile.put("0 bytes", file("empty.pdf", new byte[0]));
		hostile.put("oversize", file("huge.pdf", TestDocuments.pdf("big", 11 * 1024 * 1024, null)));
		long rowsBefore = jdbc.queryForObject("select count(*) from application_files", Long.class);
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, MockMultipartFile> upload : hostile.entrySet()) {
			String kind = upload.getValue().getOriginalFilename().endsWith(".docx") ? "PORTFOLIO" : "CV";
			MvcResult result = mvc
				.perform(multipart("/applicant/applications/" + draft.id() + "/files/" + kind).file(upload.getValue())
					.with(as(applicant))
					.with(csrf()))
				.andReturn();
			MockHttpServletResponse response = result.getResponse();
			Object problem = result.getFlashMap().get("fileProblem");
			if (response.getStatus() != 302 || problem == null) {
				failures.add(upload.getKey() + " -> " + response.getStatus() + ", problem " + problem);
				continue;
			}
			// followed as a browser does, with the session that holds the flash message
			MockHttpServletResponse shown = mvc
				.perform(get(response.getRedirectedUrl().replaceFirst("#.*", "")).cookie(response.getCookie("SESSION"))
					.with(as(applicant)))
				.andReturn()
				.getResponse();
			if (!shown.getContentAsString(StandardCharsets.UTF_8).contains("id=\"file-problem\"")) {
				failures.add(upload.getKey() + ": no message on the page (" + shown.getStatus() + ") for " + problem);
			}
		}
		System.out.printf("Uploads over HTTP: %d hostile cases, %d failures%n", hostile.size(), failures.size());
		assertThat(failures).isEmpty();
		assertThat(portfolios.get(draft.id(), applicant.id()).files()).isEmpty();
		assertThat(jdbc.queryForObject("select count(*) from application_files", Long.class)).isEqualTo(rowsBefore);
	}

	@Test
	void downloadsAreAttachmentsWithASafeNameTheDetectedTypeAndNosniff() throws Exception {
		AccountView applicant = fixtures.account("download-http", Role.APPLICANT);
		ApplicationView draft = portfolios.startOrResume(fixtures.openCall(Duration.ofDays(1)).id(),
				PortfolioFixtures.applicant(applicant));
		mvc.perform(multipart("/applicant/applications/" + draft.id() + "/files/CV")
			.file(new MockMultipartFile("file", "이력서 \"final\";.pdf", "text/html", TestDocuments.pdf("CV")))
			.with(as(applicant))
			.with(csrf()));
		ApplicationFileView cv = portfolios.get(draft.id(), applicant.id()).file(FileKind.CV);
		assertThat(cv).as("the CV was stored").isNotNull();

		MockHttpServletResponse download = mvc
			.perform(get("/applicant/applications/" + draft.id() + "/files/" + cv.id()).with(as(applicant)))
			.andReturn()
			.getResponse();

		assertThat(download.getStatus()).isEqualTo(200);
		assertThat(download.getContentType()).isEqualTo("application/pdf");
		assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		String disposition = download.getHeader("Content-Disposition");
		assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''").doesNotContain("\r", "\n");
		ContentDisposition parsed = ContentDisposition.parse(disposition);
		assertThat(parsed.isAttachment()).isTrue();
		assertThat(parsed.getFilename()).endsWith(".pdf").doesNotContain("/", "\\", "\r", "\n");
	}

	private static MockMultipartFile file(String name, byte[] content) {
		return new MockMultipartFile("file", name, "application/pdf", content);
	}

	private RequestPostProcessor as(AccountView account) {
		return user(users.loadUserByUsername(account.email()));
	}

}
