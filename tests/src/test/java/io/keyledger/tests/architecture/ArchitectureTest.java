package io.keyledger.tests.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.ingest.InventoryService;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void everyClassLivesInAModulePackageTheRulesKnow() {
        RULES.everyClassLivesInAKnownModule().check(classes);
    }

    @Test
    void coreUsesNoFrameworkCloudSdkOrJdbc() {
        RULES.coreUsesNoFrameworkCloudSdkOrJdbc().check(classes);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        RULES.coreDependsOnNoOtherModule().check(classes);
    }

    @Test
    void functionsUseNoCloudSdkAdapterOrLocal() {
        RULES.functionsUseNoCloudSdkAdapterOrLocal().check(classes);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        RULES.adaptersDoNotDependOnEachOther().check(classes);
    }

    @Test
    void onlyLocalDependsOnLocal() {
        RULES.onlyLocalDependsOnLocal().check(classes);
    }

    @Test
    void nothingDependsOnBenchOrInfra() {
        RULES.nothingDependsOnBenchOrInfra().check(classes);
    }

    @Test
    void noProductionModuleDependsOnTheTestkit() {
        RULES.noProductionModuleDependsOnTheTestkit().check(classes);
    }

    @Test
    void theTestkitDependsOnTheCoreOnly() {
        RULES.theTestkitDependsOnTheCoreOnly().check(classes);
    }

    @Test
    void onlyTheAssemblyCreatesTheSystemClock() {
        RULES.onlyTheAssemblyCreatesTheSystemClock().check(classes);
    }
}
