package kr.aifellows.portal.fellows;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Grants made through the fellows' pages ({@code portal.fellows.*}).
 *
 * @param topUpValidity how long an approved top-up can be used
 * @param manualGrantValidity the default period of a grant made by hand
 * @param maxTopUpHours the most GPU hours one top-up request may ask for
 * @param supportAddress whom fellows write to when jobs cannot start
 */
@ConfigurationProperties("portal.fellows")
public record FellowsProperties(@DefaultValue("P180D") Duration topUpValidity,
		@DefaultValue("P365D") Duration manualGrantValidity, @DefaultValue("10000") int maxTopUpHours,
		@DefaultValue("gpu-support@aifellows.kr") String supportAddress) {
}
