package kr.aifellows.portal.portfolios;

import java.time.Duration;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class BlindReviewTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	ApplicationCatalog catalog;

	@Autowired
	Portfolios portfolios;

	@Test
	void theBlindViewLeavesOutIdentitiesAndMasksTheApplicantInAuthorLists() {
		AccountView applicant = fixtures.account("blind", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(fixtures.openCall(Duration.ofDays(1)).id(), applicant);

		ApplicationCatalog.BlindApplication blind = catalog.forBlindReview(submitted.id());

		assertThat(blind.publications().get(0).authors()).containsExactly(ApplicationCatalog.MASKED_AUTHOR, "Minsu Kim");
		assertThat(blind.openSource().get(0).repositoryUrl()).isEqualTo("https://github.com/***/korean-llm");
		assertThat(blind.proposal().title()).isEqualTo("강화학습 기반 한국어 모델 정렬");
		assertThat(blind.toString()).doesNotContain("홍길동", "Gil-dong Hong", "gildong", "KAIST", applicant.email(),
				"0000-0002-1825-0097");
		assertThat(catalog.forReview(submitted.id()).profile().nameKo()).isEqualTo("홍길동");
	}

	@Test
	void theBlindViewSaysTheProposalFileTextIsPendingUntilItIsExtracted() {
		AccountView applicant = fixtures.account("blindfile", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(fixtures.openCall(Duration.ofDays(1)).id(), applicant);
		portfolios.uploadFile(draft.id(), applicant.id(), FileKind.PROPOSAL, "plan.pdf",
				TestDocuments.pdf("Diffusion models for protein folding"));
		ApplicationView submitted = portfolios.submit(draft.id(), applicant.id(), java.time.Instant.now(),
				java.util.Locale.KOREAN);

		ApplicationCatalog.BlindApplication early = catalog.forBlindReview(submitted.id());
		if (early.proposalFileExtraction() == ExtractionState.PENDING) {
			assertThat(early.proposalFileText()).isEmpty();
		}
		ApplicationCatalog.BlindApplication blind = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.until(() -> catalog.forBlindReview(submitted.id()),
					view -> view.proposalFileExtraction() == ExtractionState.DONE);
		assertThat(blind.proposalFileText()).contains("Diffusion models for protein folding");
	}
}
