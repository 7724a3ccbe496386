package kr.aifellows.portal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private static final String[] PORTAL_MODULES = { "kr.aifellows.portal.accounts..",
			"kr.aifellows.portal.portfolios..", "kr.aifellows.portal.review..", "kr.aifellows.portal.fellows..",
			"kr.aifellows.portal.exports..", "kr.aifellows.portal.system..", "kr.aifellows.portal.shared.." };

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("kr.aifellows.portal");

	@Test
	void gpuModuleDependsOnNothingOfThePortal() {
		noClasses().that()
			.resideInAPackage("kr.aifellows.portal.gpu..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(PORTAL_MODULES)
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void searchModuleDependsOnNothingOfThePortal() {
		noClasses().that()
			.resideInAPackage("kr.aifellows.portal.search..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(PORTAL_MODULES)
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void controllersArePackagePrivate() {
		classes().that()
			.areAnnotatedWith(Controller.class)
			.or()
			.areAnnotatedWith(RestController.class)
			.should()
			.notBePublic()
			.check(classes);
	}

	@Test
	void onlyWebAdaptersAndSecurityTouchTheServletApi() {
		noClasses().that()
			.resideInAnyPackage("kr.aifellows.portal.gpu..", "kr.aifellows.portal.search..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web..")
			.allowEmptyShould(true)
			.check(classes);
	}

}
