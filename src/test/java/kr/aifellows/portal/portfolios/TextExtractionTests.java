package kr.aifellows.portal.portfolios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.extraction.ExtractorMain;
import kr.aifellows.portal.portfolios.files.ExtractionState;
import kr.aifellows.portal.portfolios.files.FileKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Text extraction off the request path: a parser that never returns (the test hook in
 * application-test.properties makes the child spin, ignoring interrupts, on a file whose
 * text holds the marker) is ended by killing its child process; the file stays, fails
 * with "timeout", the application can still be submitted, and other files keep being
 * extracted.
 */
@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class TextExtractionTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Test
	void aRunawayExtractionIsKilledAtTheTimeoutAndOtherFilesAreStillExtracted() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView stuck = fixtures.account("runaway", Role.APPLICANT);
		ApplicationView hung = fixtures.completeDraft(call.id(), stuck);
		ApplicationView upload = portfolios.uploadFile(hung.id(), stuck.id(), FileKind.PORTFOLIO, "portfolio.pdf",
				TestDocuments.pdf("RUNAWAY-PARSER-TEST portfolio"));
		assertThat(upload.file(FileKind.PORTFOLIO).extractionState()).isEqualTo(ExtractionState.PENDING);

		// While the runaway file is in a child, that child is one of this JVM's extractor
		// processes.
		await().atMost(Duration.ofSeconds(60)).until(() -> !extractorChildren().isEmpty());
		Set<ProcessHandle> childrenDuringTheRunaway = extractorChildren();

		AccountView other = fixtures.account("patient", Role.APPLICANT);
		ApplicationView fine = fixtures.completeDraft(call.id(), other);

		ApplicationFileView failed = await().atMost(Duration.ofSeconds(90))
			.until(() -> portfolios.get(hung.id(), stuck.id()).file(FileKind.PORTFOLIO),
					file -> file.extractionState() == ExtractionState.FAILED);
		assertThat(failed.extractionFailure()).isEqualTo("timeout");
		assertThat(childrenDuringTheRunaway).anySatisfy(child -> assertThat(child.isAlive()).isFalse());

		await().atMost(Duration.ofSeconds(90))
			.until(() -> portfolios.get(fine.id(), other.id()).file(FileKind.CV).extractionState(),
					state -> state == ExtractionState.DONE);
		await().atMost(Duration.ofSeconds(90))
			.until(() -> portfolios.get(hung.id(), stuck.id()).file(FileKind.CV).extractionState(),
					state -> state == ExtractionState.DONE);

		// A failed extraction loses neither the file nor the submission.
		ApplicationView submitted = portfolios.submit(hung.id(), stuck.id(), Instant.now(), Locale.KOREAN);
		assertThat(submitted.status()).isEqualTo(ApplicationStatus.SUBMITTED);
		assertThat(submitted.file(FileKind.PORTFOLIO).sizeBytes()).isPositive();
	}

	private static Set<ProcessHandle> extractorChildren() {
		return ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.filter(child -> commandLine(child).contains(ExtractorMain.class.getName()))
			.collect(Collectors.toSet());
	}

	/** The whole command line (ProcessHandle.Info leaves out long ones). */
	private static String commandLine(ProcessHandle process) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
					StandardCharsets.UTF_8);
		}
		catch (IOException gone) {
			return "";
		}
	}

}
