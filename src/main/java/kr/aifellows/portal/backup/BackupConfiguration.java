package kr.aifellows.portal.backup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
class BackupConfiguration {

	@Bean
	FlywayMigrationStrategy restoringMigration(PortalRestore restore) {
		return restore::migrate;
	}

}
