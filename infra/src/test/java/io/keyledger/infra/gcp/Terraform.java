package io.keyledger.infra.gcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Terraform configuration of infra/gcp as Terraform reads it: every {@code *.tf.json} file of the
 * directory, their top-level blocks merged (variables, locals, data sources, resources, outputs), and the
 * references inside their {@code ${...}} expressions. A block declared twice is an error, as in Terraform.
 */
final class Terraform {

    /** A reference an expression makes: {@code var.x}, {@code local.x}, {@code google_x.y}, {@code data.google_x.y}. */
    record Reference(String kind, String name, String where) {
    }

    private static final Pattern VAR = Pattern.compile("\\bvar\\.([a-z_][a-z0-9_]*)");
    private static final Pattern LOCAL = Pattern.compile("\\blocal\\.([a-z_][a-z0-9_]*)");
    private static final Pattern DATA = Pattern.compile("\\bdata\\.(google_[a-z0-9_]+)\\.([a-z_][a-z0-9_]*)");
    private static final Pattern RESOURCE = Pattern.compile("(?<![.\\w])(google_[a-z0-9_]+)\\.([a-z_][a-z0-9_]*)");

    final Map<String, JsonNode> variables = new LinkedHashMap<>();
    final Map<String, JsonNode> locals = new LinkedHashMap<>();
    final Map<String, JsonNode> outputs = new LinkedHashMap<>();
    final Map<String, Map<String, JsonNode>> resources = new LinkedHashMap<>();
    final Map<String, Map<String, JsonNode>> data = new LinkedHashMap<>();
    final List<Reference> references = new ArrayList<>();
    final List<String> files = new ArrayList<>();

    static Path directory() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("infra/gcp"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("no infra/gcp above " + Path.of("").toAbsolutePath());
        }
        return root.resolve("infra/gcp");
    }

    static Terraform load(Path dir) {
        Terraform t = new Terraform();
        JsonMapper mapper = JsonMapper.builder().build();
        try (Stream<Path> listed = Files.list(dir)) {
            for (Path file : listed.filter(f -> f.getFileName().toString().endsWith(".tf.json")).sorted().toList()) {
                t.files.add(file.getFileName().toString());
                JsonNode root = mapper.readTree(Files.readString(file));
                for (Map.Entry<String, JsonNode> block : root.properties()) {
                    switch (block.getKey()) {
                        case "variable" -> merge(t.variables, block.getValue(), file + " variable");
                        case "locals" -> merge(t.locals, block.getValue(), file + " locals");
                        case "output" -> merge(t.outputs, block.getValue(), file + " output");
                        case "resource" -> mergeTyped(t.resources, block.getValue(), file + " resource");
                        case "data" -> mergeTyped(t.data, block.getValue(), file + " data");
                        case "terraform", "provider", "//" -> { }
                        default -> throw new IllegalStateException(file + ": unknown top-level block " + block.getKey());
                    }
                }
                t.collectReferences(root, file.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        t.locals.remove("//");
        return t;
    }

    private static void merge(Map<String, JsonNode> into, JsonNode block, String where) {
        for (Map.Entry<String, JsonNode> e : block.properties()) {
            if (!e.getKey().equals("//") && into.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalStateException(where + " " + e.getKey() + " is declared twice");
            }
        }
    }

    private static void mergeTyped(Map<String, Map<String, JsonNode>> into, JsonNode block, String where) {
        for (Map.Entry<String, JsonNode> type : block.properties()) {
            merge(into.computeIfAbsent(type.getKey(), k -> new LinkedHashMap<>()), type.getValue(),
                    where + " " + type.getKey());
        }
    }

    private void collectReferences(JsonNode node, String where) {
        if (node.isString()) {
            String text = node.asString();
            int start = text.indexOf("${");
            if (start >= 0) {
                String expression = text.substring(start);
                add(VAR, expression, "var", where);
                add(LOCAL, expression, "local", where);
                Matcher d = DATA.matcher(expression);
                while (d.find()) {
                    references.add(new Reference("data", d.group(1) + "." + d.group(2), where));
                }
                Matcher r = RESOURCE.matcher(expression.replaceAll("\\bdata\\.google_[a-z0-9_]+\\.[a-z0-9_]+", ""));
                while (r.find()) {
                    references.add(new Reference("resource", r.group(1) + "." + r.group(2), where));
                }
            }
        } else if (node.isObject() || node.isArray()) {
            node.forEach(child -> collectReferences(child, where));
        }
    }

    private void add(Pattern pattern, String expression, String kind, String where) {
        Matcher m = pattern.matcher(expression);
        while (m.find()) {
            references.add(new Reference(kind, m.group(1), where));
        }
    }

    JsonNode resource(String type, String name) {
        JsonNode r = resources.getOrDefault(type, Map.of()).get(name);
        if (r == null) {
            throw new AssertionError("no resource " + type + "." + name + " in " + files);
        }
        return r;
    }

    Map<String, JsonNode> resources(String type) {
        return resources.getOrDefault(type, Map.of());
    }

    /** The names of the locals an expression such as {@code ${merge(local.a, local.b)}} merges, in order. */
    static Set<String> localsIn(String expression) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = LOCAL.matcher(expression);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
