package io.keyledger.infra.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive Cloud Run functions build from: the shaded jar alone at its top level, without the APIs the
 * Java runtime provides, holding every entry point Terraform names as a class the Functions Framework can
 * create and call.
 */
class FunctionsArtifactTest {

    private static final Map<String, String> INTERFACES = Map.of(
            "HTTP", "com.google.cloud.functions.HttpFunction",
            "CLOUDEVENT", "com.google.cloud.functions.CloudEventsFunction");

    @TempDir
    static Path tmp;

    static FunctionsJar jar;

    @BeforeAll
    static void open() {
        jar = FunctionsJar.open(tmp);
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    @Test
    void theArchiveHoldsTheJarAlone() {
        assertThat(jar.zipEntries).containsExactly(FunctionsJar.JAR);
    }

    @Test
    void everyEntryPointTerraformNamesIsACreatableFunctionOfTheJar() throws Exception {
        Terraform tf = Terraform.load(Terraform.directory());
        Set<String> functions = jar.strings("io.keyledger.gcp.functions.KeyLedgerGcpConfiguration", "FUNCTION_NAMES");
        for (var deployed : tf.resources("google_cloudfunctions2_function").entrySet()) {
            String className = deployed.getValue().path("build_config").path("entry_point").asString();
            FunctionsJar.EntryPoint declared = jar.entryPoints().stream().filter(e -> e.className().equals(className))
                    .findFirst().orElseThrow(() -> new AssertionError(deployed.getKey() + ": " + className
                            + " is not an entry point of the jar"));
            Class<?> type = jar.load(className);
            assertThat(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers())).as(className).isTrue();
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).as(className + "()").isTrue();
            Class<?> api = jar.load(INTERFACES.get(declared.signature()));
            assertThat(api.isAssignableFrom(type)).as(className + " is a " + api.getSimpleName()).isTrue();
            assertThat(api.getProtectionDomain().getCodeSource().getLocation().getPath())
                    .as("the API is the runtime's, not the jar's").doesNotEndWith(FunctionsJar.JAR);
            assertThat(functions).as(className + " serves a function of the catalog").contains(declared.function());
        }
    }

    @Test
    void theJarLeavesTheRuntimesApisToTheRuntimeAndMergesServiceFiles() throws IOException {
        try (JarFile file = new JarFile(jar.jar.toFile())) {
            assertThat(file.getEntry("com/google/cloud/functions/HttpFunction.class")).as("provided by the invoker").isNull();
            assertThat(file.getEntry("io/cloudevents/CloudEvent.class")).as("provided by the invoker").isNull();
            assertThat(file.getEntry("META-INF/spring.factories")).as("Spring's merged metadata").isNotNull();
            assertThat(file.getEntry("META-INF/services/io.grpc.ManagedChannelProvider")).as("gRPC's transports").isNotNull();
            assertThat(file.getEntry("io/keyledger/gcp/functions/KeyLedgerGcpConfiguration.class")).isNotNull();
        }
    }
}
