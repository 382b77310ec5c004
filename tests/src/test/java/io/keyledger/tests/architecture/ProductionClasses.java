package io.keyledger.tests.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * KeyLedger's classes, imported once from the test classpath (every module's jar, the testkit's too), without
 * test code (target/test-classes). No module ships a test-jar: what tests share is the testkit's main code.
 */
final class ProductionClasses {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.keyledger");

    private ProductionClasses() {
    }

    static JavaClasses all() {
        return CLASSES;
    }
}
