package kr.aifellows.portal.search;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the search backend at {@code /actuator/health} (component {@code search}).
 */
class SearchHealthIndicator implements HealthIndicator {

	private final SearchIndex index;

	SearchHealthIndicator(SearchIndex index) {
		this.index = index;
	}

	@Override
	public Health health() {
		SearchIndex.Health health = index.health();
		Health.Builder builder = health.up() ? Health.up() : Health.down();
		return builder.withDetail("backend", index.backend())
			.withDetail("detail", String.valueOf(health.detail()))
			.withDetail("documents", health.documents())
			.build();
	}

}
