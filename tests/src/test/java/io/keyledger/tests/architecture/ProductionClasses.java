package io.keyledger.tests.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;

/** KeyLedger's production classes, imported once from the test classpath (every module's jar). */
final class ProductionClasses {

    /**
     * ArchUnit's DO_NOT_INCLUDE_TESTS knows target/test-classes but not test-jars such as
     * keyledger-core-*-tests.jar (the shared test helpers), which are test code too.
     */
    static final ImportOption DO_NOT_INCLUDE_TEST_JARS =
            location -> !location.matches(Pattern.compile(".*-tests\\.jar!/.*"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(DO_NOT_INCLUDE_TEST_JARS)
            .importPackages("io.keyledger");

    private ProductionClasses() {
    }

    static JavaClasses all() {
        return CLASSES;
    }
}
