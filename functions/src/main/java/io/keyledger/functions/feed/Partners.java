package io.keyledger.functions.feed;

import io.keyledger.core.signing.SigningPublicKey;
import io.keyledger.core.tenant.TenantIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partners a deployment exchanges coordination feeds with, from a JSON file (docs/FEEDS.md):
 *
 * <pre>{"partners": [{"name": "northwind", "relation": "downstream", "publicKey": "northwind.pem",
 *   "tenants": ["acme"], "responsibleParty": "Northwind Bank key custodians"}]}</pre>
 *
 * {@code publicKey} is a PEM {@code PUBLIC KEY} (EC P-256), inline or a file named relative to the partners
 * file. Unknown fields are errors, and every error names the file, the entry and the field.
 */
public final class Partners {

    public static final Partners NONE = new Partners(List.of());

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> FIELDS = List.of("name", "relation", "description", "publicKey", "tenants",
            "responsibleParty");

    private final List<Partner> all;

    private Partners(List<Partner> all) {
        this.all = List.copyOf(all);
    }

    public static Partners of(List<Partner> partners) {
        Set<String> names = new HashSet<>();
        for (Partner p : partners) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("partner '" + p.name() + "' is named twice");
            }
        }
        return new Partners(partners);
    }

    public List<Partner> all() {
        return all;
    }

    /** The partners whose feeds {@code tenant} accepts. */
    public List<Partner> of(String tenant) {
        return all.stream().filter(p -> p.exchangesWith(tenant)).toList();
    }

    public Optional<Partner> named(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Reads a partners file; its public key files are read relative to it. */
    public static Partners read(Path file) {
        String source = String.valueOf(file.getFileName());
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(source + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read: " + e.getMessage());
        }
        return parse(source, json, Optional.ofNullable(file.toAbsolutePath().getParent()));
    }

    /** Reads partners from JSON text; key files, if any, relative to {@code directory}. */
    public static Partners parse(String source, String json, Optional<Path> directory) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object with \"partners\"");
        }
        for (String name : root.propertyNames()) {
            if (!name.equals("partners")) {
                throw new IllegalArgumentException(source + ": " + name + ": unknown field (expected partners)");
            }
        }
        JsonNode list = root.path("partners");
        if (!list.isArray()) {
            throw new IllegalArgumentException(source + ": partners: expected a list of partners");
        }
        List<Partner> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(partner(source, "partners[" + i + "]", list.get(i), directory));
        }
        try {
            return of(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    private static Partner partner(String source, String path, JsonNode node, Optional<Path> directory) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": " + path + ": expected an object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(source + ": " + path + "." + name + ": unknown field (expected one of "
                        + String.join(", ", FIELDS) + ")");
            }
        }
        String name = text(source, path, node, "name");
        String named = path + " (" + name + ")";
        Partner.Relation relation;
        String relationText = text(source, named, node, "relation");
        try {
            relation = Partner.Relation.valueOf(relationText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + named + ".relation: expected upstream or downstream, not '"
                    + relationText + "'");
        }
        SigningPublicKey key = publicKey(source, named, text(source, named, node, "publicKey"), directory);
        JsonNode tenantList = node.path("tenants");
        if (!tenantList.isArray() || tenantList.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + named + ".tenants: expected a non-empty list of tenant ids");
        }
        Set<String> tenants = new LinkedHashSet<>();
        for (JsonNode t : tenantList) {
            try {
                tenants.add(TenantIds.requireValid(t.asString("")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + named + ".tenants: " + e.getMessage());
            }
        }
        String party = node.has("responsibleParty") ? text(source, named, node, "responsibleParty") : name;
        try {
            return new Partner(name, relation, key, tenants, party);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + named + "." + e.getMessage());
        }
    }

    private static SigningPublicKey publicKey(String source, String path, String value, Optional<Path> directory) {
        String pem = value;
        if (!value.contains("-----BEGIN")) {
            Path file = directory.map(d -> d.resolve(value)).orElse(Path.of(value));
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException(source + ": " + path + ".publicKey: cannot read " + file + ": "
                        + e.getMessage());
            }
        }
        try {
            return SigningPublicKey.fromPem(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + path + ".publicKey: " + e.getMessage());
        }
    }

    private static String text(String source, String path, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new IllegalArgumentException(source + ": " + path + "." + field + ": expected a non-empty string");
        }
        return v.asString().strip();
    }
}
