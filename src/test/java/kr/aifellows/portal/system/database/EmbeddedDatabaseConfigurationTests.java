package kr.aifellows.portal.system.database;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(EmbeddedDatabaseConfiguration.class);

	@Test
	void anExternalServerUrlMeansNoEmbeddedServerIsStarted() {
		contexts.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.internal:5432/portal")
			.run(context -> assertThat(context).doesNotHaveBean(DataSource.class));
	}

	@Test
	void dataIsKeptUnderDataPostgresByDefault() {
		var properties = new EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties(null, false, 0, 0);
		assertThat(properties.dataDirectory()).isEqualTo(Path.of("data", "postgres"));
		assertThat(properties.maximumPoolSize()).isEqualTo(20);
	}

}
