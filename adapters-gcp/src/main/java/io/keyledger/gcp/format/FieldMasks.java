package io.keyledger.gcp.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.json.RecordFormatException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The field paths of an update's {@code updateMask}: proto3 JSON writes a FieldMask as one
 * comma-separated string ({@code "rotationPeriod,nextRotationTime"}); some renderings keep its
 * {@code paths} list. Paths come back in camelCase ({@code rotation_period} is {@code rotationPeriod});
 * the label name in a {@code labels.<name>} path is kept as written.
 */
final class FieldMasks {

    private FieldMasks() {
    }

    /** The mask of {@code request.updateMask}, if the request has one. */
    static Optional<Set<String>> paths(RecordFields request) {
        String field = request.pathOf("updateMask");
        JsonNode mask = request.get("updateMask");
        if (mask.isNull() || mask.isMissingNode()) {
            return Optional.empty();
        }
        Set<String> out = new LinkedHashSet<>();
        if (mask.isString()) {
            for (String path : mask.asString().split(",")) {
                add(path, out);
            }
            return Optional.of(out);
        }
        JsonNode list = mask.isObject() ? mask.get("paths") : mask;
        if (list == null || !list.isArray()) {
            throw new RecordFormatException(field, "expected a comma-separated string of field paths, was "
                    + RecordFields.kind(mask));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isString()) {
                throw new RecordFormatException(field + (mask.isObject() ? ".paths" : "") + "[" + i + "]",
                        "expected a field path string, was " + RecordFields.kind(list.get(i)));
            }
            add(list.get(i).asString(), out);
        }
        return Optional.of(out);
    }

    /** Without a mask, the fields the request sets (its resource's name aside). */
    static Set<String> presentFields(Optional<RecordFields> resource) {
        Set<String> out = new LinkedHashSet<>();
        resource.ifPresent(r -> {
            for (Map.Entry<String, JsonNode> e : r.node().properties()) {
                if (!e.getKey().equals("name") && !e.getKey().startsWith("@")) {
                    add(e.getKey(), out);
                }
            }
        });
        return out;
    }

    private static void add(String path, Set<String> out) {
        String p = path.trim();
        if (p.isEmpty()) {
            return;
        }
        if (p.startsWith("labels.")) {
            out.add(p);
            return;
        }
        StringBuilder camel = new StringBuilder(p.length());
        boolean upper = false;
        for (char c : p.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        out.add(camel.toString());
    }
}
