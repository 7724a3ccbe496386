package kr.aifellows.portal.portfolios;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallDefinition;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import kr.aifellows.portal.portfolios.calls.Criterion;
import kr.aifellows.portal.portfolios.files.ExtractionState;
import kr.aifellows.portal.portfolios.files.FileKind;
import kr.aifellows.portal.shared.ResearchArea;
import org.awaitility.Awaitility;

import org.springframework.stereotype.Component;

/**
 * Calls, applicants and complete applications for tests, made through the modules' APIs.
 */
@Component
public class PortfolioFixtures {

	public static final String PASSWORD = "correct-horse-battery-9";

	private final AccountManagement accounts;

	private final CallCatalog calls;

	private final Portfolios portfolios;

	PortfolioFixtures(AccountManagement accounts, CallCatalog calls, Portfolios portfolios) {
		this.accounts = accounts;
		this.calls = calls;
		this.portfolios = portfolios;
	}

	public AccountView account(String prefix, Role... roles) {
		EnumSet<Role> set = EnumSet.noneOf(Role.class);
		set.addAll(List.of(roles));
		return accounts.createVerified(
				prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.aifellows.kr", "테스트 " + prefix,
				PASSWORD, set);
	}

	public CallSummary openCall(Duration closesIn) {
		return openCall(closesIn, true);
	}

	public CallSummary openCall(Duration closesIn, boolean blindReview) {
		Instant now = Instant.now();
		return calls.create(new CallDefinition("테스트 공고 " + UUID.randomUUID(), "Test call", "설명", "Description",
				now.minus(Duration.ofDays(1)), now.plus(closesIn), 10, 100_000, 3, blindReview,
				List.of(new Criterion("연구 역량", "Research", new BigDecimal("0.6"), 1, 5, "", ""),
						new Criterion("계획", "Plan", new BigDecimal("0.4"), 1, 5, "", ""))),
				"chair@test");
	}

	public static Portfolios.Applicant applicant(AccountView account) {
		return new Portfolios.Applicant(account.id(), account.email(), account.displayName());
	}

	/** A draft with every section filled and a CV, ready to submit. */
	public ApplicationView completeDraft(long callId, AccountView applicant) {
		ApplicationView draft = portfolios.startOrResume(callId, applicant(applicant));
		portfolios.saveProfile(draft.id(), applicant.id(),
				new Profile("홍길동", "Gil-dong Hong", "0000-0002-1825-0097", Set.of(ResearchArea.NLP),
						List.of(new Affiliation("KAIST", "PhD student", 2021, null),
								new Affiliation("Seoul National University", "BS", 2016, 2020))));
		portfolios.addPublication(draft.id(), applicant.id(), Publication.of("Korean LLM evaluation", "ACL", 2024,
				List.of("Gil-dong Hong", "Minsu Kim"), "10.18653/v1/2024.acl-long.1", null));
		portfolios.addOpenSource(draft.id(), applicant.id(),
				new OpenSourceWork("https://github.com/gildong/korean-llm", "maintainer", "Evaluation harness"));
		portfolios.saveProposal(draft.id(), applicant.id(),
				new Proposal("강화학습 기반 한국어 모델 정렬", "초록입니다.", "본문입니다. 모델을 강화학습으로 정렬합니다.", 5_000L, "8 GPUs for 4 weeks"));
		return portfolios.uploadFile(draft.id(), applicant.id(), FileKind.CV, "cv.pdf",
				TestDocuments.pdf("Curriculum vitae of Gil-dong Hong"));
	}

	/**
	 * Waits until the extraction worker has handled every file of the application (the
	 * text is extracted after the upload) and returns it as it is then.
	 */
	public ApplicationView extracted(ApplicationView application) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.until(() -> portfolios.get(application.id(), application.applicantAccountId()),
					now -> now.files().stream().noneMatch(file -> file.extractionState() == ExtractionState.PENDING));
	}

	public ApplicationView submitted(long callId, AccountView applicant) {
		ApplicationView draft = completeDraft(callId, applicant);
		return portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
	}

}
