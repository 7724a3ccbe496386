package kr.aifellows.portal.gpu;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of job admission and how often the portal follows its launcher
 * ({@code portal.gpu.*}).
 *
 * @param launcher which launcher runs jobs: {@code local} (default) or {@code slurm}
 * @param maxGpusPerNode GPUs one job may ask for on one node
 * @param maxNodes nodes one job may span (the local launcher has one)
 * @param maxTimeLimit the longest time limit a job may ask for
 * @param maxConcurrentGpus GPUs one fellow's queued and running jobs may hold together
 * @param reconcileInterval how often live jobs are compared with the launcher
 * @param launchTimeout how long a job may stay without a launcher id before it counts as
 * not launched
 */
@ConfigurationProperties("portal.gpu")
public record GpuProperties(@DefaultValue("local") String launcher, @DefaultValue("8") int maxGpusPerNode,
		@DefaultValue("4") int maxNodes, @DefaultValue("PT24H") Duration maxTimeLimit,
		@DefaultValue("16") int maxConcurrentGpus, @DefaultValue("PT2S") Duration reconcileInterval,
		@DefaultValue("PT5M") Duration launchTimeout) {

	/** Defaults, for tools that run the module without Spring Boot's binder. */
	public static GpuProperties defaults() {
		return new GpuProperties("local", 8, 4, Duration.ofHours(24), 16, Duration.ofSeconds(2), Duration.ofMinutes(5));
	}

}
