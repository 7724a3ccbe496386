package kr.aifellows.portal.system.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param heartbeatInterval how often an instance says it is alive
 * @param staleAfter an instance silent for this long is taken for dead
 */
@ConfigurationProperties("portal.instances")
record InstancesProperties(Duration heartbeatInterval, Duration staleAfter) {

	InstancesProperties {
		heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(10) : heartbeatInterval;
		staleAfter = staleAfter == null ? Duration.ofSeconds(30) : staleAfter;
	}
}
