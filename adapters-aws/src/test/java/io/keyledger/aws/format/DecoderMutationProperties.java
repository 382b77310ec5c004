package io.keyledger.aws.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.json.Json;
import io.keyledger.core.json.KeyEventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random damage to valid records (a field deleted, a value of another type, a string cut short, two
 * values swapped, a container cut in half, the JSON text truncated) never makes a decoder throw: every
 * record still gives events, an ignored record, or a Malformed with a message.
 */
class DecoderMutationProperties {

    private static final List<JsonNode> VALID = validRecords();
    private static final List<String> FILES = validFiles();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Provide
    Arbitrary<JsonNode> validRecord() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<String> validFile() {
        return Arbitraries.of(FILES);
    }

    @Property(tries = 2000)
    void mutatedRecordsNeverMakeADecoderThrow(@ForAll("validRecord") JsonNode valid, @ForAll long seed,
                                              @ForAll @IntRange(min = 1, max = 4) int mutations) {
        Random random = new Random(seed);
        JsonNode record = valid.deepCopy();
        for (int i = 0; i < mutations; i++) {
            record = mutate(record, random);
        }
        for (EventDecoder decoder : AwsDecoders.all()) {
            if (decoder.recognises(record)) {
                List<DecodedRecord> out = new ArrayList<>();
                decoder.decode(record, new RecordLocation("mutated.json", 1, ""), out::add);
                assertThat(out).as(decoder.format() + " on " + record).isNotEmpty().allSatisfy(this::wellFormed);
            }
        }
    }

    @Property(tries = 300)
    void truncatedInputsNeverMakeTheIngestThrow(@ForAll("validFile") String text, @ForAll @IntRange(min = 0, max = 1_000_000) int at)
            throws IOException {
        String cut = text.substring(0, at % (text.length() + 1));
        List<DecodedRecord> out = new ArrayList<>();
        Decoders.of(AwsDecoders.all()).read("cut.json", new ByteArrayInputStream(cut.getBytes(StandardCharsets.UTF_8)), out::add);
        assertThat(out).allSatisfy(this::wellFormed);
    }

    private void wellFormed(DecodedRecord r) {
        if (r instanceof DecodedRecord.Event e) {
            assertThat(KeyEventJson.write(e.event())).isNotBlank();
        } else if (r instanceof DecodedRecord.Malformed m) {
            assertThat(m.message()).isNotBlank();
        } else if (r instanceof DecodedRecord.Ignored i) {
            assertThat(i.reason()).isNotBlank();
        } else if (r instanceof DecodedRecord.KeyStoreChange k) {
            assertThat(k.keyStoreId()).isNotBlank();
        } else {
            assertThat(((DecodedRecord.ObjectReference) r).key()).isNotBlank();
        }
    }

    // --- mutations ---------------------------------------------------------------------------------

    private static JsonNode mutate(JsonNode record, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(record, slots);
        if (slots.isEmpty()) {
            return record;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonNode value = slot.get();
        if (value.isString() && random.nextBoolean() && looksLikeJson(value.asString())) {
            // a JSON string (an SQS body, an SNS message): damage what is inside it
            JsonNode inner = Json.mapper().readTree(value.asString());
            slot.set(NODES.stringNode(Json.write(mutate(inner, random))));
            return record;
        }
        switch (random.nextInt(5)) {
            case 0 -> slot.remove();
            case 1 -> slot.set(otherType(value, random));
            case 2 -> slot.set(value.isString() ? NODES.stringNode(value.asString().substring(0,
                    random.nextInt(value.asString().length() + 1))) : NODES.nullNode());
            case 3 -> {
                Slot other = slots.get(random.nextInt(slots.size()));
                JsonNode otherValue = other.get().deepCopy();
                other.set(value.deepCopy());
                slot.set(otherValue);
            }
            default -> halve(value, random);
        }
        return record;
    }

    private static JsonNode otherType(JsonNode value, Random random) {
        List<JsonNode> candidates = List.of(NODES.numberNode(42), NODES.booleanNode(true), NODES.stringNode("x"),
                NODES.arrayNode(), NODES.objectNode(), NODES.nullNode(), NODES.stringNode(""),
                NODES.numberNode(-1.5), NODES.stringNode("arn:aws:kms:us-east-1:111122223333:alias/x"));
        JsonNode pick;
        do {
            pick = candidates.get(random.nextInt(candidates.size()));
        } while (pick.getNodeType() == value.getNodeType() && pick.equals(value));
        return pick;
    }

    private static void halve(JsonNode value, Random random) {
        if (value instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.properties().forEach(e -> names.add(e.getKey()));
            names.subList(names.size() / 2, names.size()).forEach(o::remove);
        } else if (value instanceof ArrayNode a && a.size() > 0) {
            while (a.size() > a.size() / 2 && a.size() > 0) {
                a.remove(a.size() - 1);
            }
        }
    }

    private static boolean looksLikeJson(String s) {
        String t = s.trim();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return false;
        }
        try {
            Json.mapper().readTree(t);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** A place in the tree: a member of an object or an element of an array. */
    private interface Slot {
        JsonNode get();

        void set(JsonNode value);

        void remove();
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.properties().forEach(e -> names.add(e.getKey()));
            for (String name : names) {
                out.add(new Slot() {
                    public JsonNode get() {
                        return o.has(name) ? o.get(name) : NODES.nullNode();
                    }

                    public void set(JsonNode value) {
                        o.set(name, value);
                    }

                    public void remove() {
                        o.remove(name);
                    }
                });
                collect(o.get(name), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                out.add(new Slot() {
                    public JsonNode get() {
                        return index < a.size() ? a.get(index) : NODES.nullNode();
                    }

                    public void set(JsonNode value) {
                        if (index < a.size()) {
                            a.set(index, value);
                        }
                    }

                    public void remove() {
                        if (index < a.size()) {
                            a.remove(index);
                        }
                    }
                });
                collect(a.get(i), out);
            }
        }
    }

    // --- the valid inputs --------------------------------------------------------------------------

    private static List<Path> resourceFiles() {
        try {
            Path root = Path.of(DecoderMutationProperties.class.getResource("/aws").toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.toString().endsWith(".json"))
                        .filter(p -> !p.toString().contains("snapshot")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> validRecords() {
        List<JsonNode> out = new ArrayList<>();
        for (Path file : resourceFiles()) {
            JsonNode doc = Json.mapper().readTree(file.toFile());
            if (doc.path("Records").isArray()) {
                doc.get("Records").forEach(out::add);
            } else {
                out.add(doc);
            }
        }
        return out;
    }

    private static List<String> validFiles() {
        return resourceFiles().stream().map(p -> {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
