package kr.aifellows.portal.review;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the review committee.
 *
 * @param conflictYears how far back a shared affiliation or a co-authored paper makes a
 * conflict
 * @param reviewPeriod how long reviewers have once the chair starts the review
 * @param grantMonths how long a fellow's GPU-hour grant runs from the publication of
 * decisions
 */
@ConfigurationProperties("portal.review")
public record ReviewProperties(@DefaultValue("3") int conflictYears, @DefaultValue("P21D") Duration reviewPeriod,
		@DefaultValue("12") int grantMonths) {
}
