package io.keyledger.tests.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.ingest.InventoryService;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dependency rules of DESIGN.md, checked on the production classes of every module. */
class ArchitectureTest {

    private static final ArchitectureRules RULES = new ArchitectureRules("io.keyledger");
    private final JavaClasses classes = ProductionClasses.all();

    @Test
    void theImporterSeesTheCoreSoNoRuleCanPassVacuously() {
        JavaClasses core = classes.that(resideInAPackage("io.keyledger.core.."));
        assertThat(core.size()).as("classes imported from io.keyledger.core").isGreaterThanOrEqualTo(20);
        assertThat(core.contain(InventoryService.class)).isTrue();
        for (String module : List.of("functions", "aws", "azure", "gcp", "local", "bench", "infra", "testkit")) {
            assertThat(classes.that(resideInAPackage("io.keyledger." + module + "..")).size())
                    .as("classes imported from io.keyledger." + module).isPositive();
        }
        assertThat(classes.contain(CoreServices.class)).isTrue();
    }

    @Test
    void theImporterLeavesTestCodeOut() {
        assertThat(classes.that(resideInAPackage("io.keyledger.archfixture.."))).isEmpty();
        assertThat(classes.that(resideInAPackage("io.keyledger.tests.."))).isEmpty();
    }

    static Stream<Named<ArchRule>> rules() {
        return Stream.of(
                Named.of("every class lives in a module package the rules know", RULES.everyClassLivesInAKnownModule()),
                Named.of("core uses no framework, cloud SDK or JDBC", RULES.coreUsesNoFrameworkCloudSdkOrJdbc()),
                Named.of("core depends on no other module", RULES.coreDependsOnNoOtherModule()),
                Named.of("functions use no cloud SDK, adapter or local", RULES.functionsUseNoCloudSdkAdapterOrLocal()),
                Named.of("adapters do not depend on each other", RULES.adaptersDoNotDependOnEachOther()),
                Named.of("only local depends on local", RULES.onlyLocalDependsOnLocal()),
                Named.of("nothing depends on bench or infra", RULES.nothingDependsOnBenchOrInfra()),
                Named.of("no production module depends on the testkit", RULES.noProductionModuleDependsOnTheTestkit()),
                Named.of("the testkit depends on the core only", RULES.theTestkitDependsOnTheCoreOnly()),
                Named.of("only the assembly creates the system clock", RULES.onlyTheAssemblyCreatesTheSystemClock()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRuleHolds(ArchRule rule) {
        rule.check(classes);
    }
}
