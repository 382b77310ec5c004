package io.keyledger.azure.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobOutput;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FixedDelayRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The function app folder as the Functions host loads it, written by the build (the Azure Functions Maven
 * plugin's dependencies are not served here, so the build does its packaging itself, from the same
 * annotations):
 * <pre>
 * keyledger/                            the app's root: what is zipped and deployed
 *   host.json
 *   keyledger-azure-functions.jar       this module
 *   lib/                                its runtime dependencies (the build copies them)
 *   &lt;function name&gt;/function.json   one per {@code @FunctionName} method of {@link KeyLedgerFunctions}
 * </pre>
 * Each function.json names the jar ({@code scriptFile}, relative to its folder), the method
 * ({@code entryPoint}), the bindings of the method's annotations and its retry policy. An annotation this
 * writer does not know fails the build rather than leave a binding out.
 *
 * <pre>java io.keyledger.azure.functions.FunctionAppFolder &lt;app folder&gt; &lt;module jar&gt; &lt;host.json&gt;</pre>
 */
public final class FunctionAppFolder {

    public static final String JAR = "keyledger-azure-functions.jar";
    public static final String SCRIPT_FILE = "../" + JAR;

    private FunctionAppFolder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: FunctionAppFolder <app folder> <module jar> <host.json>");
        }
        write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    /** Writes the app folder: the jar, host.json and every function.json; removes folders of functions gone. */
    public static void write(Path app, Path jar, Path hostJson) throws IOException {
        Files.createDirectories(app);
        Files.copy(jar, app.resolve(JAR), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(hostJson, app.resolve("host.json"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, ObjectNode> functions = functionJson(KeyLedgerFunctions.class);
        try (Stream<Path> folders = Files.list(app)) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("function.json"))).toList()) {
                if (!functions.containsKey(folder.getFileName().toString())) {
                    Files.delete(folder.resolve("function.json"));
                    Files.delete(folder);
                }
            }
        }
        for (Map.Entry<String, ObjectNode> f : functions.entrySet()) {
            Path folder = Files.createDirectories(app.resolve(f.getKey()));
            Files.writeString(folder.resolve("function.json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(f.getValue()) + "\n",
                    StandardCharsets.UTF_8);
        }
    }

    /** The function.json of every {@code @FunctionName} method of {@code type}, by function name. */
    public static Map<String, ObjectNode> functionJson(Class<?> type) {
        Map<String, ObjectNode> out = new TreeMap<>();
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            FunctionName name = method.getAnnotation(FunctionName.class);
            if (name == null) {
                continue;
            }
            if (out.containsKey(name.value())) {
                throw new IllegalStateException("two methods are function " + name.value());
            }
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("scriptFile", SCRIPT_FILE);
            json.put("entryPoint", type.getName() + "." + method.getName());
            ArrayNode bindings = json.putArray("bindings");
            for (Parameter p : method.getParameters()) {
                binding(method, p).ifPresent(bindings::add);
            }
            if (HttpResponseMessage.class.isAssignableFrom(method.getReturnType())) {
                bindings.addObject().put("type", "http").put("direction", "out").put("name", "$return");
            }
            retry(method).ifPresent(r -> json.set("retry", r));
            out.put(name.value(), json);
        }
        return out;
    }

    private static java.util.Optional<ObjectNode> binding(Method method, Parameter p) {
        if (p.getType() == ExecutionContext.class || p.isAnnotationPresent(BindingName.class)) {
            return java.util.Optional.empty();
        }
        ObjectNode b = Json.mapper().createObjectNode();
        if (p.getAnnotation(HttpTrigger.class) != null) {
            HttpTrigger t = p.getAnnotation(HttpTrigger.class);
            in(b, "httpTrigger", t.name(), t.dataType());
            b.put("authLevel", t.authLevel().name().toLowerCase(Locale.ROOT));
            ArrayNode verbs = b.putArray("methods");
            Arrays.stream(t.methods()).forEach(m -> verbs.add(m.name().toLowerCase(Locale.ROOT)));
            optional(b, "route", t.route());
        } else if (p.getAnnotation(EventHubTrigger.class) != null) {
            EventHubTrigger t = p.getAnnotation(EventHubTrigger.class);
            in(b, "eventHubTrigger", t.name(), t.dataType());
            b.put("eventHubName", t.eventHubName());
            optional(b, "consumerGroup", t.consumerGroup());
            b.put("connection", t.connection());
            b.put("cardinality", t.cardinality().name().toLowerCase(Locale.ROOT));
        } else if (p.getAnnotation(EventGridTrigger.class) != null) {
            EventGridTrigger t = p.getAnnotation(EventGridTrigger.class);
            in(b, "eventGridTrigger", t.name(), t.dataType());
        } else if (p.getAnnotation(TimerTrigger.class) != null) {
            TimerTrigger t = p.getAnnotation(TimerTrigger.class);
            in(b, "timerTrigger", t.name(), t.dataType());
            b.put("schedule", t.schedule());
        } else if (p.getAnnotation(QueueTrigger.class) != null) {
            QueueTrigger t = p.getAnnotation(QueueTrigger.class);
            in(b, "queueTrigger", t.name(), t.dataType());
            b.put("queueName", t.queueName());
            b.put("connection", t.connection());
        } else if (p.getAnnotation(BlobOutput.class) != null) {
            BlobOutput t = p.getAnnotation(BlobOutput.class);
            b.put("type", "blob").put("direction", "out").put("name", t.name());
            optional(b, "dataType", t.dataType());
            b.put("path", t.path());
            b.put("connection", t.connection());
        } else {
            List<String> annotations = Arrays.stream(p.getAnnotations()).map(Annotation::annotationType)
                    .map(Class::getSimpleName).toList();
            throw new IllegalStateException(method.getName() + ": parameter " + p.getName() + " has no binding this "
                    + "writer knows (annotations: " + annotations + ")");
        }
        return java.util.Optional.of(b);
    }

    private static void in(ObjectNode b, String type, String name, String dataType) {
        b.put("type", type).put("direction", "in").put("name", name);
        optional(b, "dataType", dataType);
    }

    private static void optional(ObjectNode b, String field, String value) {
        if (value != null && !value.isEmpty()) {
            b.put(field, value);
        }
    }

    private static java.util.Optional<ObjectNode> retry(Method method) {
        ObjectNode r = Json.mapper().createObjectNode();
        if (method.getAnnotation(ExponentialBackoffRetry.class) != null) {
            ExponentialBackoffRetry e = method.getAnnotation(ExponentialBackoffRetry.class);
            r.put("strategy", "exponentialBackoff").put("maxRetryCount", e.maxRetryCount())
                    .put("minimumInterval", e.minimumInterval()).put("maximumInterval", e.maximumInterval());
            return java.util.Optional.of(r);
        }
        if (method.getAnnotation(FixedDelayRetry.class) != null) {
            FixedDelayRetry f = method.getAnnotation(FixedDelayRetry.class);
            r.put("strategy", "fixedDelay").put("maxRetryCount", f.maxRetryCount()).put("delayInterval", f.delayInterval());
            return java.util.Optional.of(r);
        }
        return java.util.Optional.empty();
    }
}
