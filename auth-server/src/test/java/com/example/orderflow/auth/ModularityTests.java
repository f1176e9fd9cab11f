package com.example.orderflow.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Feature packages depend on each other only through their top-level types and without
 * cycles; no field injection; no printing to standard streams.
 */
class ModularityTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(AuthServerApplication.class.getPackageName());

	@Test
	void featuresRespectEachOthersBoundaries() {
		ApplicationModules.of(AuthServerApplication.class).verify();
	}

	@Test
	void injectsThroughConstructorsOnly() {
		GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(this.classes);
	}

	@Test
	void logsInsteadOfPrinting() {
		GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(this.classes);
	}

}
