package io.keyledger.azure.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.json.KeyEventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Whatever is done to a valid record, a decoder answers with events, an Ignored or a Malformed: it never throws. */
class DecoderMutationProperties {

    private static final List<JsonNode> VALID = new ArrayList<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        for (String resource : List.of("/azure/auditevent/operations.json", EventGridDecoderTest.EVENT_GRID,
                EventGridDecoderTest.CLOUD_EVENTS, "/azure/activitylog/activity-log.jsonl")) {
            JsonNode root = TestRecords.json(resource);
            (root.isArray() ? root : root.get("records")).forEach(VALID::add);
        }
    }

    @Property(tries = 1500)
    void mutationsNeverMakeADecoderThrow(@ForAll @IntRange(min = 0, max = 10_000) int pick, @ForAll long seed,
                                         @ForAll @IntRange(min = 1, max = 4) int mutations) {
        JsonNode original = VALID.get(pick % VALID.size());
        EventDecoder decoder = AzureDecoders.all().stream().filter(d -> d.recognises(original)).findFirst().orElseThrow();
        Random random = new Random(seed);
        JsonNode mutated = original.deepCopy();
        for (int i = 0; i < mutations; i++) {
            mutated = mutate(mutated, random);
        }
        JsonNode input = mutated;

        List<DecodedRecord> out = new ArrayList<>();
        assertThatCode(() -> {
            if (decoder.recognises(input) || input.isObject()) {
                decoder.decode(input, new RecordLocation("fuzz.json", 1, ""), out::add);
            }
            AzureDecoders.all().forEach(d -> d.recognises(input));
        }).doesNotThrowAnyException();
        for (DecodedRecord d : out) {
            if (d instanceof DecodedRecord.Event e) {
                assertThatCode(() -> KeyEventJson.write(e.event())).doesNotThrowAnyException();
            } else if (d instanceof DecodedRecord.Ignored i) {
                assertThat(i.reason()).isNotBlank();
            } else if (d instanceof DecodedRecord.Malformed m) {
                assertThat(m.message()).isNotBlank();
            } else {
                throw new AssertionError("unexpected " + d);
            }
        }
    }

    /** One mutation somewhere in the tree: delete a field, change its type, truncate text, or swap two values. */
    private static JsonNode mutate(JsonNode root, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        if (objects.isEmpty()) {
            return root;
        }
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>(target.propertyNames());
        if (names.isEmpty()) {
            return root;
        }
        String name = names.get(random.nextInt(names.size()));
        switch (random.nextInt(5)) {
            case 0 -> target.remove(name);
            case 1 -> target.set(name, randomValue(random));
            case 2 -> {
                JsonNode v = target.get(name);
                String text = v.isString() ? v.stringValue() : v.toString();
                target.put(name, text.substring(0, random.nextInt(text.length() + 1)));
            }
            case 3 -> {
                String other = names.get(random.nextInt(names.size()));
                JsonNode a = target.get(name);
                target.set(name, target.get(other));
                target.set(other, a);
            }
            default -> target.set(name.toUpperCase(Locale.ROOT) + " ", target.remove(name));
        }
        return root;
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextDouble() * 1e12);
            case 4 -> NODES.stringNode("");
            case 5 -> NODES.stringNode("{\"claim\": [1, 2]");
            case 6 -> NODES.objectNode().put("enabled", "maybe");
            case 7 -> {
                ArrayNode a = NODES.arrayNode();
                a.add("https://x.vault.azure.net/keys/");
                yield a;
            }
            default -> NODES.stringNode(Map.of(0, "https://contoso-kv.vault.azure.net/deletedkeys//recover",
                    1, "/SUBSCRIPTIONS//PROVIDERS/MICROSOFT.KEYVAULT/VAULTS", 2, "99999999999999999999",
                    3, "P-256K").get(random.nextInt(4)));
        };
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        if (node.isContainer()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
