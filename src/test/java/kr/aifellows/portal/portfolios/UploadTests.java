package kr.aifellows.portal.portfolios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.files.ExtractionState;
import kr.aifellows.portal.portfolios.files.FileKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class UploadTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aRealPdfAndDocxAreStoredByContentHashWithTheirText() throws IOException {
		AccountView applicant = fixtures.account("uploader", Role.APPLICANT);
		ApplicationView draft = portfolios.startOrResume(fixtures.openCall(Duration.ofDays(1)).id(),
				PortfolioFixtures.applicant(applicant));
		byte[] pdf = TestDocuments.pdf("Transformer scaling laws");
		byte[] docx = TestDocuments.docx("멀티모달 포트폴리오 강화학습");

		portfolios.uploadFile(draft.id(), applicant.id(), FileKind.CV, "이력서 cv.pdf", pdf);
		ApplicationView after = portfolios.uploadFile(draft.id(), applicant.id(), FileKind.PORTFOLIO, "portfolio.docx",
				docx);

		ApplicationFileView cv = after.file(FileKind.CV);
		assertThat(cv.mediaType()).isEqualTo("application/pdf");
		assertThat(cv.fileName()).isEqualTo("이력서 cv.pdf");
		assertThat(after.file(FileKind.PORTFOLIO).mediaType()).endsWith("wordprocessingml.document");
		// The text is extracted after the upload, by the extraction worker.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(extractedText(draft.id(), "CV")).contains("Transformer scaling laws");
			assertThat(extractedText(draft.id(), "PORTFOLIO")).contains("멀티모달 포트폴리오 강화학습");
		});
		assertThat(portfolios.get(draft.id(), applicant.id()).files())
			.allSatisfy(file -> assertThat(file.extractionState()).isEqualTo(ExtractionState.DONE));
		try (var content = portfolios.openFile(draft.id(), applicant.id(), cv.id()).content().open()) {
			assertThat(content.readAllBytes()).isEqualTo(pdf);
		}
		assertThat(Path.of("target/test-files", cv.sha256().substring(0, 2), cv.sha256().substring(2, 4), cv.sha256()))
			.exists();
	}

	@Test
	void hostileUploadsAreRefusedWithAClearReasonAndLeaveNothingBehind() throws IOException {
		AccountView applicant = fixtures.account("hostile", Role.APPLICANT);
		ApplicationView draft = portfolios.startOrResume(fixtures.openCall(Duration.ofDays(1)).id(),
				PortfolioFixtures.applicant(applicant));
		long storedBefore = storedFileCount();

		assertRefused(draft, applicant, FileKind.CV, "setup.pdf", TestDocuments.windowsExecutable(),
				"file.unsupportedType");
		assertRefused(draft, applicant, FileKind.PORTFOLIO, "portfolio.docx", TestDocuments.docxZipBomb(),
				"file.zipBomb");
		assertRefused(draft, applicant, FileKind.CV, "../../etc/passwd.pdf", TestDocuments.pdf("x"), "file.badName");
		assertRefused(draft, applicant, FileKind.CV, "secret.pdf", TestDocuments.pdf("secret", 0, "hunter2"),
				"file.encrypted");
		assertRefused(draft, applicant, FileKind.CV, "empty.pdf", new byte[0], "file.empty");
		assertRefused(draft, applicant, FileKind.CV, "huge.pdf", TestDocuments.pdf("big", 11 * 1024 * 1024, null),
				"file.tooLarge");
		assertRefused(draft, applicant, FileKind.CV, "cv.docx", TestDocuments.docx("a CV in Word"),
				"file.wrongKind.CV");
		for (TestDocuments.Active active : TestDocuments.Active.values()) {
			if (active != TestDocuments.Active.WEB_LINK) {
				assertRefused(draft, applicant, FileKind.CV, active + ".pdf", TestDocuments.pdfWith(active),
						"file.scripted");
			}
		}

		assertThat(portfolios.get(draft.id(), applicant.id()).files()).isEmpty();
		assertThat(storedFileCount()).isEqualTo(storedBefore);
	}

	@Test
	void aPaperWithWebLinksIsAccepted() {
		AccountView applicant = fixtures.account("linker", Role.APPLICANT);
		ApplicationView draft = portfolios.startOrResume(fixtures.openCall(Duration.ofDays(1)).id(),
				PortfolioFixtures.applicant(applicant));

		ApplicationView after = portfolios.uploadFile(draft.id(), applicant.id(), FileKind.CV, "paper.pdf",
				TestDocuments.pdfWith(TestDocuments.Active.WEB_LINK));

		assertThat(after.file(FileKind.CV).mediaType()).isEqualTo("application/pdf");
	}

	@Test
	void anApplicantCannotReachAnotherApplicantsApplicationOrFiles() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView owner = fixtures.account("owner", Role.APPLICANT);
		AccountView intruder = fixtures.account("intruder", Role.APPLICANT);
		ApplicationView application = fixtures.completeDraft(call.id(), owner);
		long fileId = application.file(FileKind.CV).id();

		assertThatThrownBy(() -> portfolios.get(application.id(), intruder.id())).hasMessage("application.notFound");
		assertThatThrownBy(() -> portfolios.openFile(application.id(), intruder.id(), fileId))
			.hasMessage("application.notFound");
		assertThatThrownBy(() -> portfolios.saveProposal(application.id(), intruder.id(),
				new Proposal("hijack", "a", "b", 1L, "c")))
			.hasMessage("application.notFound");
		assertThatThrownBy(() -> portfolios.submit(application.id(), intruder.id(), Instant.now(), Locale.KOREAN))
			.hasMessage("application.notFound");
		assertThat(portfolios.get(application.id(), owner.id()).proposal().title()).isNotEqualTo("hijack");
	}

	private void assertRefused(ApplicationView draft, AccountView applicant, FileKind kind, String name, byte[] content,
			String code) {
		assertThatThrownBy(() -> portfolios.uploadFile(draft.id(), applicant.id(), kind, name, content)).as(name)
			.isInstanceOf(PortfolioException.class)
			.hasMessage(code);
	}

	private String extractedText(long applicationId, String kind) {
		return jdbc.queryForObject(
				"select coalesce(extracted_text, '') from application_files where application_id = ? and kind = ?",
				String.class, applicationId, kind);
	}

	private static long storedFileCount() throws IOException {
		Path root = Path.of("target/test-files");
		if (!Files.exists(root)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

}
