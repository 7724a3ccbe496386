package kr.aifellows.portal.review;

import kr.aifellows.portal.portfolios.ApplicationDestroyed;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * When an application's retention ends, what the committee wrote about it goes too:
 * reviews with their scores, discussion, conflicts (their evidence names people),
 * assignments and the decision with its rationale.
 */
@Component
class ReviewDestruction {

	private static final String DELETE_REVIEWS = "delete from reviews where application_id = :id";

	private static final String DELETE_DISCUSSION = "delete from review_discussion where application_id = :id";

	private static final String DELETE_CONFLICTS = "delete from review_conflicts where application_id = :id";

	private static final String DELETE_ASSIGNMENTS = "delete from review_assignments where application_id = :id";

	private static final String DELETE_DECISION = "delete from review_decisions where application_id = :id";

	private final JdbcClient jdbc;

	ReviewDestruction(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(ApplicationDestroyed event) {
		for (String sql : new String[] { DELETE_REVIEWS, DELETE_DISCUSSION, DELETE_CONFLICTS, DELETE_ASSIGNMENTS,
				DELETE_DECISION }) {
			jdbc.sql(sql).param("id", event.applicationId()).update();
		}
	}

}
