package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.annotation.FunctionName;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The function app folder the build wrote (target/azure-functions/keyledger), read as the Functions host and
 * its Java worker read it: host.json, each function's function.json, and the classes its entry point names,
 * loaded from the folder's jar and lib/ alone (with the SPI the worker provides), in a class loader of their own.
 */
@Tag("packaging")
class FunctionAppFolderIT {

    private static final Path APP = Path.of(System.getProperty("keyledger.azure.app", "target/azure-functions/keyledger"));
    private static final Path WORKER = Path.of(System.getProperty("keyledger.azure.worker",
            "target/azure-functions-worker"));
    private static final Pattern SETTING = Pattern.compile("%([A-Za-z0-9_]+)%");

    static JsonNode read(Path file) throws IOException {
        return Json.mapper().readTree(Files.readString(file));
    }

    static List<Path> functionFolders() throws IOException {
        try (Stream<Path> children = Files.list(APP)) {
            return children.filter(f -> Files.isRegularFile(f.resolve("function.json"))).sorted().toList();
        }
    }

    /** The folder's jar and lib/, and the worker's SPI, in a loader whose parent is the platform's. */
    static URLClassLoader appLoader() throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(APP.resolve(FunctionAppFolder.JAR).toUri().toURL());
        for (Path dir : List.of(APP.resolve("lib"), WORKER)) {
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        return new URLClassLoader("function-app", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void everyFunctionHasItsFolderAndNoOtherFolderIsAFunction() throws IOException {
        assertThat(functionFolders()).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(AzureFunctionNames.ALL);
    }

    @Test
    void everyScriptFileIsTheJarAndEveryEntryPointIsAFunctionMethodOfItsName() throws Exception {
        try (URLClassLoader loader = appLoader()) {
            for (Path folder : functionFolders()) {
                JsonNode json = read(folder.resolve("function.json"));
                String name = folder.getFileName().toString();
                assertThat(folder.resolve(json.path("scriptFile").asString()).normalize())
                        .as(name + " scriptFile").isEqualTo(APP.resolve(FunctionAppFolder.JAR).normalize()).isRegularFile();
                String entryPoint = json.path("entryPoint").asString();
                int dot = entryPoint.lastIndexOf('.');
                Class<?> type = Class.forName(entryPoint.substring(0, dot), false, loader);
                assertThat(type.getClassLoader()).as("loaded from the folder").isSameAs(loader);
                @SuppressWarnings("unchecked")
                Class<? extends java.lang.annotation.Annotation> functionName =
                        (Class<? extends java.lang.annotation.Annotation>) loader.loadClass(FunctionName.class.getName());
                List<Method> methods = Arrays.stream(type.getMethods())
                        .filter(m -> m.getName().equals(entryPoint.substring(dot + 1))).toList();
                assertThat(methods).as(name + " entryPoint").singleElement().satisfies(m -> {
                    Object annotation = m.getAnnotation(functionName);
                    assertThat(annotation).isNotNull();
                    assertThat(annotation.toString()).contains(name);
                });
            }
        }
    }

    @Test
    void eachFunctionHasOneTriggerAndNamesOnlySettingsAndConnectionsTheDeploymentSets() throws IOException {
        Set<String> connections = Set.of(FunctionAppSettings.EVENT_HUB_CONNECTION, FunctionAppSettings.QUEUES_CONNECTION,
                FunctionAppSettings.HOST_STORAGE_CONNECTION);
        for (Path folder : functionFolders()) {
            JsonNode bindings = read(folder.resolve("function.json")).path("bindings");
            List<JsonNode> triggers = new ArrayList<>();
            bindings.forEach(b -> {
                if (b.path("type").asString().endsWith("Trigger")) {
                    triggers.add(b);
                }
                if (b.has("connection")) {
                    assertThat(connections).as(folder + " connection").contains(b.path("connection").asString());
                }
                Matcher m = SETTING.matcher(b.toString());
                while (m.find()) {
                    assertThat(FunctionAppSettings.HOST_SETTINGS).as(folder + " %setting%").contains(m.group(1));
                }
            });
            assertThat(triggers).as(folder + " triggers").hasSize(1);
        }
    }

    @Test
    void hostJsonHoldsTheLimitsTheCodeCountsOn() throws IOException {
        JsonNode host = read(APP.resolve("host.json"));

        assertThat(host.path("version").asString()).isEqualTo("2.0");
        assertThat(host.path("extensionBundle").path("id").asString()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
        assertThat(host.path("extensions").path("http").path("routePrefix").asString())
                .isEqualTo(AzureFunctionNames.ROUTE_PREFIX);
        JsonNode queues = host.path("extensions").path("queues");
        assertThat(queues.path("maxDequeueCount").asInt()).isEqualTo(QueuedSweep.MAX_DEQUEUE_COUNT);
        assertThat(queues.path("messageEncoding").asString()).isEqualTo("base64");
        assertThat(host.path("extensions").path("eventHubs").path("batchCheckpointFrequency").asInt()).isEqualTo(1);
    }

    @Test
    void theWorkerFindsTheInjectorInTheFolderAndItBuildsTheFunctionsWithoutANetwork() throws Exception {
        try (URLClassLoader loader = appLoader()) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Class<?> spi = loader.loadClass("com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector");
                Object injector = java.util.ServiceLoader.load(spi, loader).findFirst().orElseThrow();
                Class<?> functionsClass = loader.loadClass(KeyLedgerFunctions.class.getName());
                Object functions = spi.getMethod("getInstance", Class.class).invoke(injector, functionsClass);
                assertThat(functions.getClass()).isSameAs(functionsClass);
                assertThat(spi.getMethod("getInstance", Class.class).invoke(injector, functionsClass)).isSameAs(functions);
                @SuppressWarnings("unchecked")
                Map<String, String> unavailable = (Map<String, String>) functionsClass.getMethod("unavailable")
                        .invoke(functions);
                // A deployment's settings build every function, the Tables store and the sweep's clients included,
                // from the folder's classes alone and without a network call.
                assertThat(unavailable).isEmpty();
                loader.loadClass(KeyLedgerFunctionInjector.class.getName()).getMethod("reset").invoke(null);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
