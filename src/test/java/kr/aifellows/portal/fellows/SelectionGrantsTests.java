package kr.aifellows.portal.fellows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import kr.aifellows.portal.PortalIntegrationTest;
import kr.aifellows.portal.accounts.AccountView;
import kr.aifellows.portal.accounts.Role;
import kr.aifellows.portal.gpu.GpuAllocations;
import kr.aifellows.portal.portfolios.PortfolioFixtures;
import kr.aifellows.portal.review.decisions.FellowSelected;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PortalIntegrationTest
@Import(PortfolioFixtures.class)
class SelectionGrantsTests {

	@Autowired
	PortfolioFixtures fixtures;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	GpuAllocations allocations;

	@Test
	void aPublishedSelectionBecomesTheFellowsGrantOnceEvenWhenDeliveredTwice() {
		AccountView fellow = fixtures.account("selected", Role.APPLICANT);
		LocalDate today = LocalDate.now();
		FellowSelected selection = new FellowSelected(fellow.id(), 4242, 7, 1_500, today.minusDays(1),
				today.plusMonths(12), Instant.now());

		transactions.executeWithoutResult(status -> events.publishEvent(selection));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(allocations.balance(fellow.id()).available()).isEqualTo(1_500 * 3600L));

		transactions.executeWithoutResult(status -> events.publishEvent(selection));
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(allocations.allocations(fellow.id())).hasSize(1));
		assertThat(allocations.balance(fellow.id()).available()).isEqualTo(1_500 * 3600L);
	}

}
