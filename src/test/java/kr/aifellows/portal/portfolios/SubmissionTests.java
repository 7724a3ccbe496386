package kr.aifellows.portal.portfolios;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.TestMailServer;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.portfolios.calls.CallCatalog;
import kr.aifellows.portal.portfolios.calls.CallDefinition;
import kr.aifellows.portal.portfolios.calls.CallSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PortalIntegrationTest
@RecordApplicationEvents
@Import(PortfolioFixtures.class)
class SubmissionTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	Portfolios portfolios;

	@Autowired
	CallCatalog calls;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationEvents events;

	@Test
	void submittingLocksTheApplicationSendsAReceiptAndPublishesAnEvent() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("submitter", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);

		ApplicationView submitted = portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);

		assertThat(submitted.status()).isEqualTo(ApplicationStatus.SUBMITTED);
		assertThat(submitted.receiptNumber()).matches("AIF-\\d{4}-" + call.id() + "-\\d{6}");
		assertThat(TestMailServer.body(TestMailServer.awaitMail(applicant.email(), "접수 확인")))
			.contains(submitted.receiptNumber());
		assertThat(events.stream(ApplicationSubmitted.class))
			.anySatisfy(event -> assertThat(event.applicationId()).isEqualTo(draft.id()));
		assertThatThrownBy(
				() -> portfolios.saveProposal(draft.id(), applicant.id(), new Proposal("바뀐 제목", "a", "b", 1L, "c")))
			.isInstanceOf(PortfolioException.class)
			.hasMessage("application.locked");
		assertThat(portfolios.get(draft.id(), applicant.id()).proposal().title()).isEqualTo("강화학습 기반 한국어 모델 정렬");
	}

	@Test
	void oneMillisecondLateIsRefusedAndTheDraftStays() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("late", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		Instant deadline = calls.deadlineFor(call.id(), applicant.id());

		assertThatThrownBy(() -> portfolios.submit(draft.id(), applicant.id(), deadline.plusMillis(1), Locale.KOREAN))
			.isInstanceOf(PortfolioException.class)
			.hasMessage("application.deadlinePassed");
		ApplicationView after = portfolios.get(draft.id(), applicant.id());
		assertThat(after.status()).isEqualTo(ApplicationStatus.DRAFT);
		assertThat(after.proposal().title()).isEqualTo(draft.proposal().title());

		assertThat(portfolios.submit(draft.id(), applicant.id(), deadline, Locale.KOREAN).status())
			.as("the deadline instant itself is still in time")
			.isEqualTo(ApplicationStatus.SUBMITTED);
	}

	@Test
	void anExtensionForOneApplicantMovesOnlyTheirDeadlineAndIsAudited() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView favoured = fixtures.account("extended", Role.APPLICANT);
		AccountView other = fixtures.account("not-extended", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), favoured);
		ApplicationView otherDraft = fixtures.completeDraft(call.id(), other);
		Instant later = call.closesAt().plus(Duration.ofHours(6));

		calls.grantExtension(call.id(), favoured.id(), later, "병가 (medical leave)", "chair@test");

		assertThat(portfolios.submit(draft.id(), favoured.id(), later.minusSeconds(1), Locale.KOREAN).status())
			.isEqualTo(ApplicationStatus.SUBMITTED);
		assertThatThrownBy(() -> portfolios.submit(otherDraft.id(), other.id(), later.minusSeconds(1), Locale.KOREAN))
			.hasMessage("application.deadlinePassed");
		assertThat(
				jdbc.queryForObject("select detail from audit_log where action = 'EXTENSION_GRANTED' and subject = ?",
						String.class, "call:" + call.id() + " applicant:" + favoured.id()))
			.contains("medical leave");
	}

	@Test
	void anIncompleteApplicationIsNotSubmitted() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("incomplete", Role.APPLICANT);
		ApplicationView draft = portfolios.startOrResume(call.id(), PortfolioFixtures.applicant(applicant));

		assertThat(portfolios.problems(draft.id(), applicant.id())).contains("submit.missing.names",
				"submit.missing.proposal", "submit.missing.file.CV");
		assertThatThrownBy(() -> portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN))
			.hasMessage("application.incomplete");
	}

	@Test
	void concurrentDoubleSubmitGivesOneSubmissionAndOneMail() throws Exception {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("double", Role.APPLICANT);
		ApplicationView draft = fixtures.completeDraft(call.id(), applicant);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<ApplicationView>> results = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Callable<ApplicationView> submit = () -> {
				start.await();
				return portfolios.submit(draft.id(), applicant.id(), Instant.now(), Locale.KOREAN);
			};
			results.add(pool.submit(submit));
		}
		start.countDown();
		List<String> receipts = new ArrayList<>();
		for (Future<ApplicationView> result : results) {
			receipts.add(result.get().receiptNumber());
		}
		pool.shutdown();

		assertThat(receipts).hasSize(8).containsOnly(receipts.get(0));
		TestMailServer.awaitMail(applicant.email(), "접수 확인");
		Thread.sleep(1500);
		assertThat(TestMailServer.countMailsTo(applicant.email())).isEqualTo(1);
		assertThat(jdbc.queryForObject(
				"select count(*) from audit_log where action = 'APPLICATION_SUBMITTED' and subject = ?", Long.class,
				"application:" + draft.id()))
			.isEqualTo(1);
	}

	@Test
	void oneApplicationPerApplicantPerCallAndWithdrawBeforeTheDeadline() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		AccountView applicant = fixtures.account("withdrawer", Role.APPLICANT);
		ApplicationView submitted = fixtures.submitted(call.id(), applicant);

		assertThat(portfolios.startOrResume(call.id(), PortfolioFixtures.applicant(applicant)).id())
			.isEqualTo(submitted.id());
		ApplicationView withdrawn = portfolios.withdraw(submitted.id(), applicant.id(), Instant.now());
		assertThat(withdrawn.status()).isEqualTo(ApplicationStatus.WITHDRAWN);
		assertThat(events.stream(ApplicationWithdrawn.class))
			.anySatisfy(event -> assertThat(event.applicationId()).isEqualTo(submitted.id()));
	}

	@Test
	void theRubricFreezesOnceApplicationsAreSubmitted() {
		CallSummary call = fixtures.openCall(Duration.ofDays(1));
		fixtures.submitted(call.id(), fixtures.account("freezer", Role.APPLICANT));
		CallDefinition changed = new CallDefinition(call.titleKo(), call.titleEn(), call.descriptionKo(),
				call.descriptionEn(), call.opensAt(), call.closesAt(), call.slots(), call.gpuHourEnvelope(),
				call.reviewsPerApplication(), call.blindReview(), call.criteria().subList(0, 1));

		assertThatThrownBy(() -> calls.update(call.id(), changed, "chair@test")).hasMessage("call.rubricFrozen");
		assertThat(calls.find(call.id()).orElseThrow().criteria()).hasSize(2);

		CallSummary next = calls.newVersion(call.id(), "chair@test");
		assertThat(next.versionNo()).isEqualTo(2);
		assertThat(calls
			.update(next.id(),
					new CallDefinition(changed.titleKo(), changed.titleEn(), changed.descriptionKo(),
							changed.descriptionEn(), changed.opensAt(), changed.closesAt(), changed.slots(),
							changed.gpuHourEnvelope(), changed.reviewsPerApplication(), changed.blindReview(),
							changed.criteria()),
					"chair@test")
			.criteria()).hasSize(1);
	}

}
