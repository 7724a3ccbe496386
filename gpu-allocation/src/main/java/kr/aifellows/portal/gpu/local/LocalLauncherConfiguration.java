package kr.aifellows.portal.gpu.local;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local sandbox launcher, unless {@code portal.gpu.launcher} names another one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.gpu.launcher", havingValue = "local", matchIfMissing = true)
@EnableConfigurationProperties(LocalSandboxProperties.class)
class LocalLauncherConfiguration {

	@Bean(destroyMethod = "close")
	LocalSandboxLauncher localSandboxLauncher(LocalSandboxProperties properties, Clock clock) {
		return new LocalSandboxLauncher(properties, clock);
	}

	/**
	 * {@code /actuator/health/gpuSandbox}: what isolation jobs get; DOWN when jobs would
	 * be refused.
	 */
	@Bean
	HealthIndicator gpuSandboxHealthIndicator(LocalSandboxLauncher launcher, LocalSandboxProperties properties) {
		return () -> {
			SandboxReport report = launcher.report();
			Health.Builder health = report.sandboxed() || properties.allowUnsandboxed() ? Health.up() : Health.down();
			return health.withDetails(Map.of("sandboxed", report.sandboxed(), "bubblewrap",
					String.valueOf(report.bwrapVersion()), "jobUser", report.jobUser(), "cgroups", report.cgroups(),
					"memoryLimit", report.memoryLimit(), "pidsLimit", report.pidsLimit(), "cpuLimit", report.cpuLimit(),
					"gpuSource", report.gpuSource(), "gpus", report.gpus().size(), "problems", report.problems()))
				.withDetail("allowUnsandboxed", properties.allowUnsandboxed())
				.build();
		};
	}

}
