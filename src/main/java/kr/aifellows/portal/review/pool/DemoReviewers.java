package kr.aifellows.portal.review.pool;

import java.util.List;
import java.util.Set;

import kr.aifellows.portal.accounts.AccountManagement;
import kr.aifellows.portal.shared.ResearchArea;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo data: the demo reviewers join the reviewer pool with expertise areas, so that the
 * chair can run an assignment at once.
 */
@Component
@Profile("demo")
class DemoReviewers {

	private static final List<String> EMAILS = List.of("reviewer1@demo.aifellows.kr", "reviewer2@demo.aifellows.kr",
			"reviewer3@demo.aifellows.kr", "chair@demo.aifellows.kr");

	private final ReviewerPool pool;

	private final AccountManagement accounts;

	DemoReviewers(ReviewerPool pool, AccountManagement accounts) {
		this.pool = pool;
		this.accounts = accounts;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(20)
	public void seed() {
		for (String email : EMAILS) {
			accounts.findByEmail(email).ifPresent(account -> {
				ReviewerView reviewer = pool.me(account.id(), account.email(), account.displayName());
				if (reviewer.profile().areas().isEmpty()) {
					pool.saveProfile(reviewer.id(), new ReviewerProfile(account.displayName(), null, null,
							Set.of(ResearchArea.NLP, ResearchArea.REINFORCEMENT_LEARNING), List.of(), List.of()),
							"system");
				}
			});
		}
	}

}
