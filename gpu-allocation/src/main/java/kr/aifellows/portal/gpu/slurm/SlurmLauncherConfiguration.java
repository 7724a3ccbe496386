package kr.aifellows.portal.gpu.slurm;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Slurm launcher and the grant mirror, only when {@code portal.gpu.launcher=slurm}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.gpu.launcher", havingValue = "slurm")
@EnableConfigurationProperties(SlurmProperties.class)
class SlurmLauncherConfiguration {

	@Bean
	SlurmLauncher slurmLauncher(SlurmProperties properties) {
		return new SlurmLauncher(properties);
	}

	@Bean
	SlurmAllocationMirror slurmAllocationMirror(SlurmProperties properties) {
		return new SlurmAllocationMirror(properties);
	}

}
