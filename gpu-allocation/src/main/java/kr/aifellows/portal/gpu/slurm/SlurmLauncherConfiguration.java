package kr.aifellows.portal.gpu.slurm;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Slurm launcher, only when {@code portal.gpu.launcher=slurm}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.gpu.launcher", havingValue = "slurm")
class SlurmLauncherConfiguration {

	@Bean
	SlurmLauncher slurmLauncher(SlurmProperties properties) {
		return new SlurmLauncher(properties);
	}

}
