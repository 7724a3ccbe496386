package kr.aifellows.portal.accounts.tokens;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param requestsPerMinute requests one token may make per minute, across all instances
 * @param maxValidity the longest lifetime a token may be given
 * @param defaultValidity the lifetime the token page proposes
 */
@ConfigurationProperties("portal.api")
public record ApiProperties(int requestsPerMinute, Duration maxValidity, Duration defaultValidity) {

	public ApiProperties {
		requestsPerMinute = requestsPerMinute <= 0 ? 600 : requestsPerMinute;
		maxValidity = maxValidity == null ? Duration.ofDays(365) : maxValidity;
		defaultValidity = defaultValidity == null ? Duration.ofDays(90) : defaultValidity;
	}

}
