package io.keyledger.infra.aws;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.json.JsonMapper;

/** Reading synthesised CloudFormation templates in tests. */
final class Cfn {

    static final Path CDK_JSON = Path.of("aws", "cdk.json");

    private Cfn() {
    }

    /** The resources of one type, by logical id. */
    static Map<String, Map<String, Object>> resources(Map<String, Object> template, String type) {
        var found = new LinkedHashMap<String, Map<String, Object>>();
        map(template.get("Resources")).forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.getOrDefault("Properties", Map.of()));
    }

    /** The Lambda functions KeyLedger runs (not the helpers CDK adds), by bean name. */
    static Map<String, Map<String, Object>> functionsByBean(Map<String, Object> template) {
        var functions = new LinkedHashMap<String, Map<String, Object>>();
        resources(template, "AWS::Lambda::Function").forEach((id, resource) -> {
            Map<String, Object> properties = properties(resource);
            if (LambdaContract.HANDLERS.contains(String.valueOf(properties.get("Handler")))) {
                functions.put(String.valueOf(environment(properties).get(LambdaContract.SPRING_CLOUD_FUNCTION_DEFINITION)),
                        withId(id, resource));
            }
        });
        return functions;
    }

    static Map<String, Object> environment(Map<String, Object> functionProperties) {
        return map(map(functionProperties.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
    }

    /** The logical id of a resource found by {@link #functionsByBean}. */
    static String id(Map<String, Object> resource) {
        return String.valueOf(resource.get("LogicalId"));
    }

    /** Every policy statement in the template: IAM policies, trust policies, key, queue and topic policies. */
    static List<Statement> statements(Map<String, Object> template) {
        var statements = new ArrayList<Statement>();
        map(template.get("Resources")).forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            String type = String.valueOf(resource.get("Type"));
            Map<String, Object> properties = properties(resource);
            List<String> roles = switch (type) {
                case "AWS::IAM::Policy" -> list(properties.getOrDefault("Roles", List.of())).stream()
                        .map(Cfn::render).map(Cfn::unref).toList();
                case "AWS::IAM::Role" -> List.of(id);
                default -> List.of();
            };
            collect(id, type, "", properties, roles, statements);
        });
        return statements;
    }

    private static void collect(String id, String type, String path, Object node, List<String> roles,
            List<Statement> into) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("Statement") instanceof List<?> list) {
                for (Object statement : list) {
                    into.add(new Statement(id, type, path, roles, map(statement)));
                }
                return;
            }
            m.forEach((key, value) -> collect(id, type, path.isEmpty() ? String.valueOf(key) : path, value, roles, into));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(id, type, path, item, roles, into));
        }
    }

    /**
     * A CloudFormation value as text: {@code Ref} as {@code ${Name}}, {@code Fn::GetAtt} as
     * {@code ${Name.Attribute}}, {@code Fn::Join} joined; anything else as its JSON.
     */
    static String render(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            var entry = m.entrySet().iterator().next();
            switch (String.valueOf(entry.getKey())) {
                case "Ref":
                    return "${" + entry.getValue() + "}";
                case "Fn::GetAtt":
                    return "${" + list(entry.getValue()).stream().map(String::valueOf).collect(Collectors.joining(".")) + "}";
                case "Fn::Join": {
                    List<Object> join = list(entry.getValue());
                    return list(join.get(1)).stream().map(Cfn::render).collect(Collectors.joining(String.valueOf(join.get(0))));
                }
                default:
                    break;
            }
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return JsonMapper.builder().build().writeValueAsString(value);
        }
        return String.valueOf(value);
    }

    /** {@code ${Name}} to {@code Name}. */
    static String unref(String rendered) {
        return rendered.startsWith("${") && rendered.endsWith("}") ? rendered.substring(2, rendered.length() - 1) : rendered;
    }

    /** A string or a list of strings (IAM allows both), rendered. */
    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> values) {
            return values.stream().map(Cfn::render).toList();
        }
        return List.of(render(value));
    }

    static int number(Object value) {
        return ((Number) value).intValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** The context block of {@code infra/aws/cdk.json}: feature flags and defaults. */
    static Map<String, Object> cdkJsonContext() {
        return map(cdkJson().get("context"));
    }

    static Map<String, Object> cdkJson() {
        try {
            return map(JsonMapper.builder().build().readValue(Files.readString(CDK_JSON), Map.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + CDK_JSON.toAbsolutePath(), e);
        }
    }

    /** A small zip standing in for the Lambda jar: synthesis stages it, nothing runs it. */
    static Path dummyJar(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static Map<String, Object> withId(String id, Map<String, Object> resource) {
        var copy = new LinkedHashMap<>(resource);
        copy.put("LogicalId", id);
        return copy;
    }

    /**
     * One policy statement.
     *
     * @param logicalId the resource holding it
     * @param type      that resource's type
     * @param property  the property it is in (PolicyDocument, AssumeRolePolicyDocument, Policies, KeyPolicy)
     * @param roles     for IAM policies and roles, the roles it applies to
     */
    record Statement(String logicalId, String type, String property, List<String> roles, Map<String, Object> body) {

        boolean allows() {
            return "Allow".equals(body.get("Effect"));
        }

        List<String> actions() {
            return strings(body.get("Action"));
        }

        List<String> resources() {
            return strings(body.get("Resource"));
        }

        Map<String, Object> condition() {
            return body.get("Condition") == null ? Map.of() : map(body.get("Condition"));
        }

        /** An identity policy (not a trust, key, queue or topic policy). */
        boolean isIdentityPolicy() {
            return type.equals("AWS::IAM::Policy") || (type.equals("AWS::IAM::Role") && property.equals("Policies"));
        }
    }
}
