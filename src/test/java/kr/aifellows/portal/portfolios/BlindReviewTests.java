package kr.aifellows.portal.portfolios;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.blind.BlindLevel;
import kr.aifellows.portal.portfolios.blind.BlindPublication;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.files.ExtractionState;
import kr.aifellows.portal.portfolios.files.FileKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class BlindReviewTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	ApplicationCatalog catalog;

	@Autowired
	Portfolios portfolios;

	@Autowired
	CallCatalog calls;

	@Test
	void theBlindViewLeavesOutIdentitiesAndMasksTheApplicantInAuthorLists() {
		AccountView applicant = fixtures.account("blind", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(fixtures.openCall(Duration.ofDays(1)).id(), applicant);

		ApplicationCatalog.BlindApplication blind = catalog.forBlindReview(submitted.id());

		assertThat(blind.level()).isEqualTo(BlindLevel.NAMES);
		assertThat(blind.publications()).singleElement().satisfies(publication -> {
			assertThat(publication.title()).isEqualTo("Korean LLM evaluation");
			assertThat(publication.authorCount()).isEqualTo(2);
			assertThat(publication.applicantPosition()).isEqualTo(1);
		});
		assertThat(blind.openSource().get(0).repositoryUrl()).isEqualTo("https://github.com/***/korean-llm");
		assertThat(blind.proposal().title()).isEqualTo("강화학습 기반 한국어 모델 정렬");
		assertThat(blind.toString()).doesNotContain("홍길동", "Gil-dong Hong", "gildong", "KAIST", applicant.email(),
				"0000-0002-1825-0097", "Minsu Kim");
		assertThat(catalog.forReview(submitted.id()).profile().nameKo()).isEqualTo("홍길동");
	}

	@Test
	void aStrictCallAlsoHidesPublicationTitlesAndRepositoryNames() {
		AccountView applicant = fixtures.account("strict", Role.APPLICANT);
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		assertThat(calls.setBlindLevel(call.id(), BlindLevel.STRICT, "chair@test").blindLevel())
			.isEqualTo(BlindLevel.STRICT);
		ApplicationView submitted = fixtures.submitted(call.id(), applicant);

		ApplicationCatalog.BlindApplication blind = catalog.forBlindReview(submitted.id());

		assertThat(blind.level()).isEqualTo(BlindLevel.STRICT);
		assertThat(blind.publications()).singleElement().satisfies(publication -> {
			assertThat(publication.title()).isNull();
			assertThat(publication.venue()).isEqualTo("ACL");
			assertThat(publication.year()).isEqualTo(2024);
			assertThat(publication.applicantPosition()).isEqualTo(1);
		});
		assertThat(blind.openSource()).singleElement().satisfies(work -> {
			assertThat(work.repositoryUrl()).isNull();
			assertThat(work.role()).isEqualTo("maintainer");
			assertThat(work.description()).isEqualTo("Evaluation harness");
		});
		assertThat(blind.toString()).doesNotContain("Korean LLM evaluation", "korean-llm", "10.18653", "Minsu Kim");
	}

	@Test
	void theApplicantIsFoundInAnAuthorListWrittenWithMarksAndInitials() {
		AccountView applicant = fixtures.account("marks", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(fixtures.openCall(Duration.ofDays(1)).id(), applicant);
		portfolios.addPublication(draft.id(), applicant.id(), Publication.of("Second paper", "EMNLP", 2025,
				List.of("Jiwoo Lee", "Minsu Kim", "G.-D. Hong*†", "Seo-yeon Park"), null, null));
		portfolios.addPublication(draft.id(), applicant.id(), Publication.of("Third paper", "NeurIPS", 2025,
				List.of("Ji-hoon Choi", "홍길동¹ (corresponding)"), null, null));

		ApplicationCatalog.BlindApplication blind = catalog.forBlindReview(draft.id());

		assertThat(blind.publications()).extracting(BlindPublication::applicantPosition).containsExactly(1, 3, 2);
		assertThat(blind.publications()).extracting(BlindPublication::authorCount).containsExactly(2, 4, 2);
		assertThat(blind.toString()).doesNotContain("Hong", "홍길동", "Jiwoo", "Seo-yeon", "Choi");
	}

	@Test
	void theBlindViewSaysTheProposalFileTextIsPendingUntilItIsExtracted() {
		AccountView applicant = fixtures.account("blindfile", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(fixtures.openCall(Duration.ofDays(1)).id(), applicant);
		portfolios.uploadFile(draft.id(), applicant.id(), FileKind.PROPOSAL, "plan.pdf",
				TestDocuments.pdf("Diffusion models for protein folding"));
		ApplicationView submitted = portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);

		ApplicationCatalog.BlindApplication early = catalog.forBlindReview(submitted.id());
		if (early.proposalFileExtraction() == ExtractionState.PENDING) {
			assertThat(early.proposalFileText()).isEmpty();
		}
		ApplicationCatalog.BlindApplication blind = await().atMost(Duration.ofSeconds(90))
			.until(() -> catalog.forBlindReview(submitted.id()),
					view -> view.proposalFileExtraction() == ExtractionState.DONE);
		assertThat(blind.proposalFileText()).contains("Diffusion models for protein folding");
	}

}
