package io.keyledger.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same rules, run on the deliberately bad fixtures in {@code io.keyledger.archfixture}: each rule
 * must report the fixture that breaks it, and leave the clean ones alone.
 */
class ArchitectureRulesCanFailTest {

    private static final ArchitectureRules RULES = new ArchitectureRules("io.keyledger.archfixture");
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("io.keyledger.archfixture");

    @Test
    void theFixturesAreImported() {
        assertThat(FIXTURES.size()).isEqualTo(11);
    }

    @Test
    void coreRuleReportsSpringAndJdbc() {
        assertThat(violations(RULES.coreUsesNoFrameworkCloudSdkOrJdbc()))
                .anyMatch(v -> v.contains("LeakyCore.connection") && v.contains("java.sql.Connection"))
                .anyMatch(v -> v.contains("LeakyCore.environment") && v.contains("org.springframework"))
                .noneMatch(v -> v.contains("CleanCore"));
    }

    @Test
    void coreRuleReportsADependencyOnAnotherModule() {
        assertThat(violations(RULES.coreDependsOnNoOtherModule()))
                .anyMatch(v -> v.contains("LeakyCore.store") && v.contains("archfixture.local.LocalStore"))
                .noneMatch(v -> v.contains("CleanCore"));
    }

    @Test
    void functionsRuleReportsADependencyOnAnAdapter() {
        assertThat(violations(RULES.functionsUseNoCloudSdkAdapterOrLocal()))
                .anyMatch(v -> v.contains("CoupledFunction.adapter") && v.contains("archfixture.aws.AwsAdapter"));
    }

    @Test
    void adapterRuleReportsOneAdapterUsingAnother() {
        assertThat(violations(RULES.adaptersDoNotDependOnEachOther()))
                .anyMatch(v -> v.contains("AwsAdapter.gcp") && v.contains("archfixture.gcp.GcpAdapter"));
    }

    @Test
    void localRuleReportsAnInnerModuleUsingLocalButNotABenchmark() {
        assertThat(violations(RULES.onlyLocalDependsOnLocal()))
                .isNotEmpty()
                .allMatch(v -> v.contains("LeakyCore.store"));
    }

    @Test
    void outermostRuleReportsAModuleUsingABenchmark() {
        assertThat(violations(RULES.nothingDependsOnBenchOrInfra()))
                .isNotEmpty()
                .allMatch(v -> v.contains("LeakyCore.harness") && v.contains("archfixture.bench.Harness"));
    }

    @Test
    void testkitRuleReportsAProductionModuleUsingATestDoubleButNotABenchmark() {
        assertThat(violations(RULES.noProductionModuleDependsOnTheTestkit()))
                .isNotEmpty()
                .allMatch(v -> v.contains("LeakyCore.testDouble") && v.contains("archfixture.testkit.StoreDouble"));
    }

    @Test
    void testkitRuleReportsATestDoubleUsingAnAdapterButNotTheCore() {
        assertThat(violations(RULES.theTestkitDependsOnTheCoreOnly()))
                .isNotEmpty()
                .allMatch(v -> v.contains("StoreDouble.adapter") && v.contains("archfixture.aws.AwsAdapter"));
    }

    @Test
    void clockRuleReportsEveryoneButTheAssemblyAndClassesThatTakeAClock() {
        assertThat(violations(RULES.onlyTheAssemblyCreatesTheSystemClock()))
                .anyMatch(v -> v.contains("LeakyCore.stamp()") && v.contains("Instant.now()"))
                .anyMatch(v -> v.contains("GcpAdapter") && v.contains("Instant.now()"))
                .anyMatch(v -> v.contains("LocalStore.millis()") && v.contains("System.currentTimeMillis()"))
                .anyMatch(v -> v.contains("aws.lambda.LambdaContext.clock()")
                        && v.contains("Clock.systemDefaultZone()"))
                .noneMatch(v -> v.contains("CleanCore"))
                .noneMatch(v -> v.contains("core.assembly.CoreServices"))
                .noneMatch(v -> v.contains("local.cli.Main"));
    }

    @Test
    void moduleRuleReportsAClassOutsideTheKnownModules() {
        JavaClasses withStray = new ClassFileImporter().importClasses(ArchitectureRulesCanFailTest.class);
        ArchRule rule = new ArchitectureRules("io.keyledger.tests").everyClassLivesInAKnownModule();
        assertThat(rule.evaluate(withStray).getFailureReport().getDetails())
                .anyMatch(v -> v.contains(ArchitectureRulesCanFailTest.class.getName()));
    }

    private static List<String> violations(ArchRule rule) {
        return rule.evaluate(FIXTURES).getFailureReport().getDetails();
    }
}
