package io.keyledger.tests.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.conditions.ArchConditions.accessTargetWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * KeyLedger's dependency rules (DESIGN.md: "dependencies point inward only"), written against a root
 * package so that the same rules check the product ({@code io.keyledger}) and the deliberately bad
 * fixtures ({@code io.keyledger.archfixture}) that prove they can fail.
 *
 * <p>Module packages below the root: {@code core} (with the assembly of the core services in
 * {@code core.assembly}), {@code functions}, the adapters {@code aws}, {@code azure}, {@code gcp},
 * {@code local} (with the CLI entry point in {@code local.cli}), the outermost {@code bench} and
 * {@code infra}, and the test infrastructure {@code testkit} (test doubles the tests and the benchmarks use).
 */
final class ArchitectureRules {

    static final List<String> CLOUD_SDKS = List.of("software.amazon..", "com.amazonaws..", "com.azure..",
            "com.microsoft..", "com.google.cloud..", "com.google.api..", "io.grpc..");

    static final List<String> ADAPTERS = List.of("aws", "azure", "gcp");

    /** Modules nothing else may depend on: the benchmarks and the deployment templates. */
    static final List<String> OUTERMOST = List.of("bench", "infra");

    /** The product: the modules that are deployed or run, none of which may use test infrastructure. */
    static final List<String> PRODUCTION = List.of("core", "functions", "aws", "azure", "gcp", "local", "infra");

    private static final Set<String> SYSTEM_CLOCK_FACTORIES =
            Set.of("system", "systemUTC", "systemDefaultZone", "tickMillis", "tickSeconds", "tickMinutes");

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    /** The packages of one module, e.g. {@code io.keyledger.core..}. */
    String module(String name) {
        return root + "." + name + "..";
    }

    ArchRule everyClassLivesInAKnownModule() {
        return classes().that().resideInAPackage(root + "..")
                .should().resideInAnyPackage(module("core"), module("functions"), module("aws"),
                        module("azure"), module("gcp"), module("local"), module("bench"), module("infra"),
                        module("testkit"))
                .because("the dependency rules below only see these module packages");
    }

    ArchRule coreUsesNoFrameworkCloudSdkOrJdbc() {
        return noClasses().that().resideInAPackage(module("core"))
                .should().dependOnClassesThat().resideInAnyPackage(
                        packages(List.of("org.springframework..", "java.sql..", "javax.sql.."), CLOUD_SDKS))
                .because("the core is pure Java (Jackson at most)");
    }

    ArchRule coreDependsOnNoOtherModule() {
        return noClasses().that().resideInAPackage(module("core"))
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(resideOutsideOfPackage(module("core"))))
                .because("dependencies point inward: every other module depends on the core, never the reverse");
    }

    /** Allows an empty functions module while it has no classes yet. */
    ArchRule functionsUseNoCloudSdkAdapterOrLocal() {
        List<String> adapterPackages = ADAPTERS.stream().map(this::module).toList();
        return noClasses().that().resideInAPackage(module("functions"))
                .should().dependOnClassesThat().resideInAnyPackage(
                        packages(CLOUD_SDKS, adapterPackages, List.of(module("local"))))
                .because("functions wrap the core for every cloud; clouds are the adapters' business")
                .allowEmptyShould(true);
    }

    /** Allows empty adapter modules while they have no classes yet. */
    ArchRule adaptersDoNotDependOnEachOther() {
        return CompositeArchRule.of(ADAPTERS.stream().map(this::adapterKnowsNoOtherAdapter).toList());
    }

    private ArchRule adapterKnowsNoOtherAdapter(String adapter) {
        String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).map(this::module).toArray(String[]::new);
        return noClasses().that().resideInAPackage(module(adapter))
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("an adapter knows nothing of another adapter")
                .allowEmptyShould(true);
    }

    ArchRule onlyLocalDependsOnLocal() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(module("local"))
                .and().resideOutsideOfPackages(OUTERMOST.stream().map(this::module).toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage(module("local"))
                .because("local is the outermost product module: the CLI and server on SQLite (only the "
                        + "benchmarks and templates, outside the product, may use it)");
    }

    ArchRule nothingDependsOnBenchOrInfra() {
        String[] outermost = OUTERMOST.stream().map(this::module).toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(outermost)
                .should().dependOnClassesThat().resideInAnyPackage(outermost)
                .because("the benchmarks and the deployment templates are outermost: they use the product, "
                        + "the product never uses them");
    }

    ArchRule noProductionModuleDependsOnTheTestkit() {
        return noClasses().that().resideInAnyPackage(PRODUCTION.stream().map(this::module).toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage(module("testkit"))
                .because("the testkit is test infrastructure: the tests and the benchmarks use it, the product never");
    }

    ArchRule theTestkitDependsOnTheCoreOnly() {
        return noClasses().that().resideInAPackage(module("testkit"))
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(resideOutsideOfPackages(module("testkit"), module("core"))))
                .because("every module's tests depend on the testkit, so it may depend on no module but the core "
                        + "(Maven refuses cycles); glue that needs an adapter stays in that adapter's tests");
    }

    /** One place creates the system clock: the core assembly's factory, which every composition root calls. */
    ArchRule onlyTheAssemblyCreatesTheSystemClock() {
        return noClasses().that().resideInAPackage(root + "..")
                .and().doNotHaveFullyQualifiedName(root + ".core.assembly.CoreServices")
                .should(accessTargetWhere(readsTheSystemClock()))
                .because("time is injected as a java.time.Clock; the one system clock is created by "
                        + "CoreServices.systemClock(), which the composition roots take it from: the CLI's main "
                        + "(CliContext.ofSystem), the Lambda container (AwsLambdaResources) and the bench harnesses");
    }

    /** Whether an access (call or method reference) reads the wall clock rather than an injected Clock. */
    private static DescribedPredicate<JavaAccess<?>> readsTheSystemClock() {
        return new DescribedPredicate<>("reads the system clock (Instant.now(), LocalDateTime.now(), "
                + "System.currentTimeMillis(), Clock.systemUTC(), ...)") {
            @Override
            public boolean test(JavaAccess<?> access) {
                AccessTarget target = access.getTarget();
                String owner = target.getOwner().getName();
                String name = target.getName();
                return owner.equals(System.class.getName()) && name.equals("currentTimeMillis")
                        || owner.equals(Clock.class.getName()) && SYSTEM_CLOCK_FACTORIES.contains(name)
                        || owner.startsWith("java.time.") && name.equals("now") && !takesAClock(target);
            }
        };
    }

    private static boolean takesAClock(AccessTarget target) {
        return target instanceof CodeUnitAccessTarget codeUnit
                && codeUnit.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(Clock.class));
    }

    @SafeVarargs
    private static String[] packages(List<String>... groups) {
        return Stream.of(groups).flatMap(List::stream).toArray(String[]::new);
    }
}
