package kr.aifellows.portal.gpu.slurm;

import java.nio.file.Path;
import java.time.Duration;

import kr.aifellows.portal.gpu.JobLauncher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slurm launcher exists only when the portal is told to use it, with its properties
 * bound.
 */
class SlurmLauncherConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SlurmLauncherConfiguration.class);

	@Test
	void noSlurmLauncherUnlessChosen() {
		runner.run(context -> assertThat(context).doesNotHaveBean(SlurmLauncher.class));
		runner.withPropertyValues("portal.gpu.launcher=local")
			.run(context -> assertThat(context).doesNotHaveBean(SlurmLauncher.class));
	}

	@Test
	void theSlurmLauncherWithItsProperties() {
		runner
			.withPropertyValues("portal.gpu.launcher=slurm", "portal.gpu.slurm.conf=/etc/slurm/slurm.conf",
					"portal.gpu.slurm.account=fellows", "portal.gpu.slurm.default-partition=gpu",
					"portal.gpu.slurm.cluster-users.kim=fkim", "portal.gpu.slurm.accounts.fkim=ai-team",
					"portal.gpu.slurm.command-timeout=10s")
			.run(context -> {
				assertThat(context).hasSingleBean(JobLauncher.class).hasSingleBean(SlurmAllocationMirror.class);
				assertThat(context.getBean(JobLauncher.class).name()).isEqualTo("slurm");
				var properties = context.getBean(SlurmProperties.class);
				assertThat(properties.conf()).isEqualTo(Path.of("/etc/slurm/slurm.conf"));
				assertThat(properties.clusterUser("kim")).isEqualTo("fkim");
				assertThat(properties.clusterUser("lee")).isEqualTo("lee");
				assertThat(properties.accountFor("fkim")).isEqualTo("ai-team");
				assertThat(properties.accountFor("lee")).isEqualTo("fellows");
				assertThat(properties.submitAsClusterUser()).isTrue();
				assertThat(properties.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(properties.jobsDir()).isEqualTo(Path.of("/tmp/aifellows-slurm/jobs"));
			});
	}

}
