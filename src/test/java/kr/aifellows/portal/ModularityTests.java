package kr.aifellows.portal;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(PortalApplication.class);

	@Test
	void modulesHaveNoCyclesAndUseOnlyEachOthersPublicApi() {
		modules.verify();
	}

	@Test
	void everyPlannedModuleExists() {
		assertThat(modules.stream().map(module -> module.getIdentifier().toString())).contains("accounts", "portfolios",
				"review", "fellows", "exports", "system", "shared", "gpu", "search");
	}

}
