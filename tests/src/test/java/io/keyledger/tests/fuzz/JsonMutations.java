package io.keyledger.tests.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.keyledger.core.decode.InputLimits;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structure-aware mutation of a real record: the fuzzer's bytes choose which value of the record to change and
 * how (drop it, retype it, edit its text, put in a value that decoders find hard: a bad time, a huge number, an
 * identifier cut short). Mutating records that a decoder recognises reaches its field handling far more often
 * than mutating bytes, which mostly breaks the JSON. Every mutated record stays within the default
 * {@link InputLimits}, as {@code JsonRecords} would hand it on.
 */
final class JsonMutations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values that have broken parsers of times, identifiers and numbers before. */
    private static final List<String> HARD_TEXT = List.of("", " ", "null", "0", "-1", "1e309", "NaN",
            "2026-02-30T25:61:61Z", "2026-03-01T09:00:00", "2026-03-01", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "9999999999999", "Mar 1, 2026, 8:00:00 AM",
            "arn:aws:kms:us-east-1:111122223333:key/", "arn:aws:kms:::key/x", "arn:aws:kms:us-east-1:111122223333:alias/",
            "arn", "arn:::::", "projects//locations//keyRings//cryptoKeys/", "projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/",
            "https://v.vault.azure.net/keys/", "https://v.vault.azure.net/keys/k/", "https://v.vault.azure.net//",
            "https://", "/SUBSCRIPTIONS//RESOURCEGROUPS//PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/", "%", "%zz", "\u0000",
            "\u001b]0;x\u0007", "\u202e", "\ud800", "\udfff", "é", "key/../../etc", "P1Y", "PT0S", "P-1D", "7776000s",
            "-5s", "99999999999999999999s", "dGVzdA==", "not base64!", "e30=", "W10=", "bnVsbA==", "true", "Enabled",
            "PendingDeletion", "DESTROYED", "ENABLED", "SYMMETRIC_DEFAULT", "RSA_2048", "ML_DSA_65",
            "GOOGLE_SYMMETRIC_ENCRYPTION", "EC_SIGN_P256_SHA256", "RSA-HSM", "oct-HSM", "P-256K", "x".repeat(300),
            "y".repeat(InputLimits.DEFAULTS.maxFieldChars()));

    private static final List<JsonNode> HARD_NUMBERS = List.of(NODES.numberNode(0), NODES.numberNode(-1),
            NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(Integer.MIN_VALUE), NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(1e308), NODES.numberNode(-1e-308), NODES.numberNode(0.5),
            NODES.numberNode(new BigInteger("9".repeat(InputLimits.MAX_NUMBER_CHARS))),
            NODES.numberNode(new BigInteger("-" + "9".repeat(InputLimits.MAX_NUMBER_CHARS - 1))),
            NODES.numberNode(253402300800L), NODES.numberNode(-62167219200L));

    private JsonMutations() {
    }

    /**
     * A copy of {@code seed} with up to eight mutations chosen by {@code data}. A mutation that would take the record
     * past a limit is undone: doubling a text or copying a part of the record into itself grows it exponentially,
     * and a record over a limit is never handed on (found by fuzzing: a 34-byte input made a record of megabytes,
     * whose decoding went over the input's allocation budget).
     */
    static JsonNode mutate(JsonNode seed, FuzzedDataProvider data) {
        JsonNode root = seed.deepCopy();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            JsonNode before = root.deepCopy();
            root = mutateOnce(root, data);
            if (!withinLimits(root)) {
                root = before;
            }
        }
        return root;
    }

    /** Whether JsonRecords would hand the record on within the default limits. */
    private static boolean withinLimits(JsonNode root) {
        InputLimits limits = InputLimits.DEFAULTS;
        return depth(root) <= limits.maxNestingDepth() && textsWithin(root, limits.maxFieldChars())
                && root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= limits.maxRecordBytes();
    }

    private static boolean textsWithin(JsonNode node, int maxChars) {
        if (node.isString()) {
            return node.asString().length() <= maxChars;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().length() > maxChars) {
                return false;
            }
        }
        for (JsonNode child : node.values()) {
            if (!textsWithin(child, maxChars)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode mutateOnce(JsonNode root, FuzzedDataProvider data) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots, 1);
        if (slots.isEmpty()) {
            return root;
        }
        Slot slot = slots.get(data.consumeInt(0, slots.size() - 1));
        JsonNode current = slot.get();
        switch (data.consumeInt(0, 11)) {
            case 0 -> slot.remove();
            case 1 -> slot.set(NODES.stringNode(data.consumeString(64)));
            case 2 -> slot.set(NODES.stringNode(data.pickValue(HARD_TEXT)));
            case 3 -> slot.set(data.pickValue(HARD_NUMBERS));
            case 4 -> slot.set(NODES.numberNode(data.consumeLong()));
            case 5 -> slot.set(data.consumeBoolean() ? NODES.booleanNode(data.consumeBoolean()) : NODES.nullNode());
            case 6 -> slot.set(data.consumeBoolean() ? NODES.objectNode() : NODES.arrayNode());
            case 7 -> {
                // another part of the same record in this place: right shapes in the wrong places
                JsonNode other = slots.get(data.consumeInt(0, slots.size() - 1)).get();
                if (other != null && slot.depth() + depth(other) <= InputLimits.DEFAULTS.maxNestingDepth()) {
                    slot.set(other.deepCopy());
                }
            }
            case 8 -> {
                if (current != null && slot.depth() + depth(current) < InputLimits.DEFAULTS.maxNestingDepth()) {
                    slot.set(data.consumeBoolean() ? NODES.arrayNode().add(current.deepCopy())
                            : NODES.objectNode().set(data.consumeString(16), current.deepCopy()));
                }
            }
            case 9 -> {
                if (current instanceof ObjectNode o) {
                    o.set(data.consumeBoolean() ? data.pickValue(HARD_TEXT.subList(0, 40)) : data.consumeString(24),
                            NODES.stringNode(data.consumeString(32)));
                } else if (current instanceof ArrayNode a) {
                    a.add(a.isEmpty() ? NODES.stringNode(data.consumeString(32)) : a.get(0).deepCopy());
                }
            }
            case 10 -> {
                if (current != null && current.isString()) {
                    slot.set(NODES.stringNode(editText(current.asString(), data)));
                }
            }
            default -> {
                if (current != null && current.isString()) {
                    // the text of a nested document (Pub/Sub data, an SQS body) read as its own record
                    slot.set(NODES.stringNode(data.consumeBoolean() ? current.asString().toUpperCase(java.util.Locale.ROOT)
                            : current.asString() + current.asString()));
                }
            }
        }
        return root;
    }

    /** The text cut, spliced, or with a character changed. */
    private static String editText(String text, FuzzedDataProvider data) {
        if (text.isEmpty()) {
            return data.consumeString(8);
        }
        int at = data.consumeInt(0, text.length());
        return switch (data.consumeInt(0, 3)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(at);
            case 2 -> text.substring(0, at) + data.consumeString(8) + text.substring(at);
            default -> at < text.length() ? text.substring(0, at) + (char) data.consumeInt(0, 0xFFFF)
                    + text.substring(at + 1) : text + (char) data.consumeInt(0, 0xFFFF);
        };
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node.values()) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainer() ? deepest + 1 : 0;
    }

    private static void collect(JsonNode node, List<Slot> slots, int depth) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                slots.add(new Slot(o, e.getKey(), -1, depth));
            }
            for (JsonNode child : List.copyOf(o.values())) {
                collect(child, slots, depth + 1);
            }
            slots.add(new Slot(o, null, -2, depth));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i, depth));
                collect(a.get(i), slots, depth + 1);
            }
            slots.add(new Slot(a, null, -2, depth));
        }
    }

    /** A place in the record: a member of an object, an element of an array, or (index -2) the container itself. */
    private record Slot(ContainerNode<?> parent, String name, int index, int depth) {

        JsonNode get() {
            if (index == -2) {
                return parent;
            }
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (index == -2) {
                if (parent instanceof ObjectNode o && value instanceof ObjectNode v) {
                    v.properties().forEach(e -> o.set(e.getKey(), e.getValue()));
                }
                return;
            }
            if (parent instanceof ObjectNode o) {
                o.set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (index == -2) {
                parent.removeAll();
            } else if (parent instanceof ObjectNode o) {
                o.remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
