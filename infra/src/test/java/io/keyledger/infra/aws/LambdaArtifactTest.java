package io.keyledger.infra.aws;

import static io.keyledger.infra.aws.Cfn.environment;
import static io.keyledger.infra.aws.Cfn.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthesised template against the Lambda jar it deploys ({@link LambdaContract#LAMBDA_JAR}, built by
 * {@code adapters-aws} before this module, which depends on it for that order): every function's handler
 * class and method and its {@code MAIN_CLASS} are in the jar, every {@code SPRING_CLOUD_FUNCTION_DEFINITION}
 * names a function the jar's configuration registers, and every other variable the template sets is one
 * the functions read. The names are read from the jar's own classes, so a renamed bean or variable on
 * either side fails here rather than at a function's first start in AWS.
 */
class LambdaArtifactTest {

    /** Read by the JVM, not by KeyLedger. */
    private static final Set<String> JVM_VARIABLES = Set.of(LambdaContract.JAVA_TOOL_OPTIONS);

    @TempDir
    static Path tmp;

    static Map<String, Map<String, Object>> functions;
    static URLClassLoader jar;
    static Path jarFile;

    @BeforeAll
    static void synthesiseAndOpenTheJar() throws Exception {
        jarFile = builtJar();
        jar = new URLClassLoader(new URL[] {jarFile.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        // Every optional setting given, so that every variable the stack can set is set.
        var context = new HashMap<>(Cfn.cdkJsonContext());
        context.put(DeploymentSettings.LAMBDA_JAR, Cfn.dummyJar(tmp.resolve("keyledger-aws-lambda.jar")).toString());
        context.put(DeploymentSettings.TRAIL_BUCKET_NAME, "org-trail-logs-111122223333");
        context.put(DeploymentSettings.TRAIL_KEY_ARN,
                "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666");
        context.put(DeploymentSettings.EXTERNAL_ID, "keyledger-7f3a");
        context.put(DeploymentSettings.ORGANIZATION_ID, "o-a1b2c3d4e5");
        context.put(DeploymentSettings.ACCOUNTS, "111122223333");
        context.put(DeploymentSettings.REGIONS, "eu-west-1");
        context.put(DeploymentSettings.TENANTS, Map.of("111122223333", "acme"));
        context.put(DeploymentSettings.ADMIN_PRINCIPALS, "{\"arn:aws:iam::111122223333:role/KeyAdmins\": {\"acme\": [\"admin\"]}}");
        context.put(DeploymentSettings.POLICY, "rules:\n  premature-destruction:\n    minimumDays: 30\n");
        context.put(DeploymentSettings.ALERT_EMAIL, "security@example.com");
        App app = App.Builder.create().context(context).build();
        var settings = DeploymentSettings.fromContext(app.getNode()::tryGetContext, tmp);
        functions = Cfn.functionsByBean(Template.fromStack(
                new KeyLedgerStack(app, "KeyLedger", StackProps.builder().build(), settings)).toJSON());
    }

    @AfterAll
    static void closeTheJar() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }

    /** The jar {@code mvn package} builds in adapters-aws, found from this module's directory. */
    private static Path builtJar() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("adapters-aws/pom.xml"))) {
            root = root.getParent();
        }
        Path found = (root == null ? Path.of("..") : root).resolve(LambdaContract.LAMBDA_JAR).normalize();
        if (!Files.isRegularFile(found)) {
            fail("the Lambda jar " + found + " does not exist: run mvn package first "
                    + "(mvn -B -pl infra -am verify builds it before these tests)");
        }
        return found;
    }

    private static Object constant(String className, String field) throws ReflectiveOperationException {
        Field f = jar.loadClass(className).getField(field);
        assertThat(Modifier.isStatic(f.getModifiers())).as(className + "." + field + " is static").isTrue();
        return f.get(null);
    }

    /** Every function name the jar's configuration can register. */
    private static Set<String> registeredFunctions() throws ReflectiveOperationException {
        return Set.copyOf(strings(constant(LambdaContract.MAIN_CLASS_NAME, "FUNCTION_NAMES")));
    }

    /** Every environment variable the jar's settings read: the Lambda settings' and the sweep configuration's. */
    private static Set<String> variablesRead() throws ReflectiveOperationException {
        Set<String> names = new LinkedHashSet<>(strings(constant("io.keyledger.aws.lambda.LambdaSettings", "VARIABLES")));
        for (Field f : jar.loadClass("io.keyledger.aws.sweep.AwsSweepConfig").getFields()) {
            if (f.getName().startsWith("ENV_") && Modifier.isStatic(f.getModifiers())) {
                names.add((String) f.get(null));
            }
        }
        return names;
    }

    private static Collection<String> strings(Object value) {
        assertThat(value).isInstanceOf(Collection.class);
        return ((Collection<?>) value).stream().map(String.class::cast).toList();
    }

    @Test
    void theTemplateDeploysEveryFunctionOfTheContract() {
        assertThat(functions.keySet()).containsExactlyInAnyOrderElementsOf(LambdaContract.BEANS);
    }

    @Test
    void everyHandlerIsAClassAndMethodOfTheJar() throws Exception {
        for (var function : functions.entrySet()) {
            String handler = String.valueOf(properties(function.getValue()).get("Handler"));
            String[] parts = handler.split("::");
            assertThat(parts).as(function.getKey() + ": handler " + handler).hasSize(2);
            Class<?> type = jar.loadClass(parts[0]);
            Class<?> context = jar.loadClass("com.amazonaws.services.lambda.runtime.Context");
            // Lambda calls a RequestStreamHandler with the event's stream, the response's stream and the context
            assertThat(type.getMethod(parts[1], InputStream.class, OutputStream.class, context))
                    .as(function.getKey() + ": " + handler).isNotNull();
            assertThat(jar.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler").isAssignableFrom(type))
                    .as(parts[0] + " is a RequestStreamHandler").isTrue();
        }
    }

    @Test
    void everyMainClassIsTheJarsSpringConfiguration() throws Exception {
        for (var function : functions.entrySet()) {
            String mainClass = String.valueOf(environment(properties(function.getValue())).get(LambdaContract.MAIN_CLASS));
            Class<?> type = jar.loadClass(mainClass);
            assertThat(jar.loadClass("org.springframework.context.ApplicationContextInitializer").isAssignableFrom(type))
                    .as(function.getKey() + ": MAIN_CLASS " + mainClass + " is an ApplicationContextInitializer").isTrue();
        }
    }

    @Test
    void everyFunctionDefinitionNamesAFunctionTheJarRegisters() throws Exception {
        Set<String> registered = registeredFunctions();
        assertThat(registered).as("the contract's beans").containsAll(LambdaContract.BEANS);
        for (var function : functions.entrySet()) {
            Object definition = environment(properties(function.getValue())).get(LambdaContract.SPRING_CLOUD_FUNCTION_DEFINITION);
            assertThat(registered).as(function.getKey() + ": SPRING_CLOUD_FUNCTION_DEFINITION " + definition)
                    .contains(String.valueOf(definition));
        }
    }

    @Test
    void everyVariableTheTemplateSetsIsReadByTheFunctions() throws Exception {
        Set<String> read = variablesRead();
        assertThat(read).as("the contract's variables").containsAll(LambdaContract.KEYLEDGER_VARIABLES);
        for (var function : functions.entrySet()) {
            Set<String> names = new LinkedHashSet<>(environment(properties(function.getValue())).keySet());
            names.removeAll(Set.of(LambdaContract.SPRING_CLOUD_FUNCTION_DEFINITION, LambdaContract.MAIN_CLASS));
            names.removeAll(JVM_VARIABLES);
            assertThat(read).as(function.getKey() + ": variables set by the template but read by no function")
                    .containsAll(names);
        }
    }

    @Test
    void theJarIsTheShadedDeploymentJar() throws IOException {
        try (JarFile file = new JarFile(jarFile.toFile())) {
            assertThat(file.getEntry("META-INF/spring.factories")).as("Spring's merged metadata").isNotNull();
            assertThat(file.getEntry(LambdaContract.MAIN_CLASS_NAME.replace('.', '/') + ".class")).isNotNull();
        }
    }
}
