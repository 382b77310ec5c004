package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The deployment jar, {@code target/keyledger-aws-lambda.jar}: the handler and the configuration are in
 * it, Spring's metadata of every jar is merged, the reactive web stack and the SDK's other HTTP clients
 * are not, and one EventBridge event goes through it in a fresh JVM started as Lambda starts one.
 */
@Tag("packaging")
class ShadedJarIT {

    private static final Path JAR = Path.of(System.getProperty("keyledger.lambda.jar", "target/keyledger-aws-lambda.jar"));

    private static String text(JarFile jar, String name) throws IOException {
        assertThat(jar.getEntry(name)).as(name).isNotNull();
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void holdsTheHandlerTheConfigurationAndTheirDependencies() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (String cls : List.of(
                    "org/springframework/cloud/function/adapter/aws/FunctionInvoker.class",
                    "io/keyledger/aws/lambda/KeyLedgerLambdaConfiguration.class",
                    "io/keyledger/aws/s3/S3ObjectReader.class",
                    "io/keyledger/aws/sns/SnsAlertSink.class",
                    "io/keyledger/functions/ingest/MessageIngester.class",
                    "io/keyledger/core/ingest/InventoryService.class",
                    "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                    "software/amazon/awssdk/services/s3/S3Client.class",
                    "com/amazonaws/services/lambda/runtime/events/SQSBatchResponse.class")) {
                assertThat(jar.getEntry(cls)).as(cls).isNotNull();
            }
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(n -> n.startsWith("io/netty/") || n.startsWith("org/apache/hc/")
                            || n.startsWith("org/springframework/web/reactive/") || n.startsWith("reactor/netty/"))
                    .noneMatch(n -> n.startsWith("io/keyledger/") && n.contains("Test"));
        }
    }

    @Test
    void mergesSpringFactoriesAndAutoConfigurationImportsOfEveryJar() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Properties factories = new Properties();
            factories.load(new java.io.StringReader(text(jar, "META-INF/spring.factories")));
            assertThat(factories.getProperty("org.springframework.context.ApplicationContextInitializer"))
                    .contains("org.springframework.cloud.function.context.config.ContextFunctionCatalogInitializer")
                    .contains("org.springframework.cloud.function.adapter.aws.CustomRuntimeInitializer")
                    .contains("org.springframework.boot.context.ContextIdApplicationContextInitializer");
            assertThat(factories.getProperty("org.springframework.boot.EnvironmentPostProcessor"))
                    .as("Spring Boot's own").isNotBlank();

            assertThat(text(jar, "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
                    .contains("org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration")
                    .contains("org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration");
        }
    }

    @Test
    void runsOneEventBridgeEventInAJvmOfItsOwn() throws IOException, InterruptedException, URISyntaxException {
        Path event = Path.of(System.getProperty("keyledger.test.classes", "target/test-classes"),
                "aws/eventbridge/api-call-DisableKey.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The smoke's in-memory store and Lambda context are the testkit's, which the shaded jar rightly lacks.
        Path testkit = Path.of(InMemoryInventoryStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ProcessBuilder pb = new ProcessBuilder(java, "-cp",
                JAR + File.pathSeparator + System.getProperty("keyledger.test.classes", "target/test-classes")
                        + File.pathSeparator + testkit,
                ShadedJarSmoke.class.getName(), event.toString()).redirectErrorStream(true);
        pb.environment().put("MAIN_CLASS", KeyLedgerLambdaConfiguration.class.getName());
        pb.environment().put("SPRING_CLOUD_FUNCTION_DEFINITION", KeyLedgerLambdaConfiguration.INGEST_EVENTS);
        pb.environment().put("AWS_REGION", "us-east-1");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("KEYS 1").containsPattern("RESPONSE \\{.*\"applied\":1");
        assertThat(Files.exists(event)).isTrue();
    }
}
