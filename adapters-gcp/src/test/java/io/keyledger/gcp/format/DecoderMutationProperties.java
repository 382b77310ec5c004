package io.keyledger.gcp.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random mutations of valid records (a field deleted, its type changed, a value truncated, two values
 * swapped), bare or inside Eventarc and Pub/Sub envelopes, never make a decoder throw: each gives events,
 * Ignored records or a Malformed record with a message.
 */
class DecoderMutationProperties {

    enum Mutation { DELETE, RETYPE, TRUNCATE_VALUE, SWAP }

    enum Envelope { NONE, EVENTARC, PUBSUB, EVENTARC_PUBSUB }

    private static final List<String> ENTRIES = List.of("CreateCryptoKey", "CreateCryptoKey-asymmetric",
            "CreateCryptoKey-import-only", "CreateCryptoKey-external", "CreateCryptoKeyVersion",
            "CreateCryptoKeyVersion-automatic-rotation", "ImportCryptoKeyVersion", "ImportCryptoKeyVersion-failed-import",
            "UpdateCryptoKeyPrimaryVersion", "UpdateCryptoKey-rotation", "UpdateCryptoKey-remove-rotation",
            "UpdateCryptoKey-labels", "UpdateCryptoKey-label-paths", "UpdateCryptoKeyVersion-disable",
            "UpdateCryptoKeyVersion-enable", "DestroyCryptoKeyVersion", "DestroyCryptoKeyVersion-denied",
            "DestroyCryptoKeyVersion-external", "RestoreCryptoKeyVersion", "DeleteCryptoKeyVersion", "DeleteCryptoKey",
            "SetIamPolicy", "SetIamPolicy-key-ring", "CreateImportJob", "CreateKeyRing", "GetCryptoKey", "Encrypt",
            "Decrypt", "AsymmetricSign", "MacSign", "RawEncrypt", "GenerateRandomBytes", "UnknownMethod",
            "Decrypt-disabled", "other-service-pubsub");

    private static final List<EventDecoder> DECODERS = GcpDecoders.all();

    @Provide
    Arbitrary<String> entries() {
        return Arbitraries.of(ENTRIES);
    }

    @Property(tries = 3000)
    void mutatedRecordsGiveEventsIgnoredOrMalformedButNeverThrow(@ForAll("entries") String name,
            @ForAll Mutation mutation, @ForAll Envelope envelope, @ForAll @IntRange(max = 100_000) int target,
            @ForAll @IntRange(max = 100_000) int other, @ForAll @IntRange(max = 5) int rounds) {
        ObjectNode record = Records.entry(name);
        for (int i = 0; i <= rounds; i++) {
            mutate(record, mutation, target + i * 7919, other + i * 104_729);
        }
        JsonNode wrapped = wrap(record, envelope);
        for (EventDecoder decoder : DECODERS) {
            if (decoder.recognises(wrapped)) {
                List<DecodedRecord> out = new ArrayList<>();
                decoder.decode(wrapped, Records.AT, out::add);
                assertThat(out).isNotEmpty().allSatisfy(DecoderMutationProperties::explained);
                Statistics.label("result").collect(out.get(0).getClass().getSimpleName());
                return;
            }
        }
    }

    @Property(tries = 500)
    void truncatedRecordsNeverThrow(@ForAll("entries") String name, @ForAll Envelope envelope,
                                    @ForAll @IntRange(min = 1, max = 100_000) int cut) {
        String text = wrap(Records.entry(name), envelope).toString();
        String truncated = text.substring(0, cut % text.length());
        List<DecodedRecord> out = Records.read("truncated.json", truncated.getBytes(StandardCharsets.UTF_8));
        assertThat(out).allSatisfy(DecoderMutationProperties::explained);
    }

    private static void explained(DecodedRecord r) {
        if (r instanceof DecodedRecord.Malformed m) {
            assertThat(m.message()).isNotBlank();
        } else if (r instanceof DecodedRecord.Ignored i) {
            assertThat(i.reason()).isNotBlank();
        } else {
            assertThat(r).isInstanceOf(DecodedRecord.Event.class);
        }
    }

    private static JsonNode wrap(ObjectNode entry, Envelope envelope) {
        return switch (envelope) {
            case NONE -> entry;
            case EVENTARC -> eventarc(entry, "google.cloud.audit.log.v1.written");
            case PUBSUB -> pubsub(entry);
            case EVENTARC_PUBSUB -> eventarc(pubsub(entry), "google.cloud.pubsub.topic.v1.messagePublished");
        };
    }

    private static ObjectNode eventarc(JsonNode data, String type) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("specversion", "1.0").put("type", type).put("id", "1").put("source", "//cloudaudit.googleapis.com/x");
        event.set("data", data);
        return event;
    }

    private static ObjectNode pubsub(JsonNode entry) {
        ObjectNode push = Json.mapper().createObjectNode();
        push.putObject("message").put("data", Base64.getEncoder().encodeToString(entry.toString()
                .getBytes(StandardCharsets.UTF_8))).put("messageId", "1");
        push.put("subscription", "projects/p/subscriptions/s");
        return push;
    }

    /** Applies one mutation to the node at position {@code target} of a walk over the record. */
    private static void mutate(ObjectNode record, Mutation mutation, int target, int other) {
        List<Slot> slots = new ArrayList<>();
        collect(record, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(target % slots.size());
        switch (mutation) {
            case DELETE -> slot.delete();
            case RETYPE -> slot.set(otherType(slot.get(), other));
            case TRUNCATE_VALUE -> {
                JsonNode v = slot.get();
                if (v.isString() && !v.asString().isEmpty()) {
                    slot.set(JsonNodeFactory.instance.stringNode(v.asString().substring(0, other % v.asString().length())));
                } else {
                    slot.delete();
                }
            }
            case SWAP -> {
                Slot second = slots.get(other % slots.size());
                if (!isAncestor(slot.get(), second.get()) && !isAncestor(second.get(), slot.get())) {
                    JsonNode a = slot.get().deepCopy();
                    slot.set(second.get().deepCopy());
                    second.set(a);
                }
            }
        }
    }

    private static boolean isAncestor(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        for (JsonNode child : a.values()) {
            if (isAncestor(child, b)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode otherType(JsonNode v, int pick) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> choices = List.of(f.numberNode(pick), f.stringNode("x" + pick), f.booleanNode(pick % 2 == 0),
                f.nullNode(), f.arrayNode().add(pick), f.objectNode().put("k", pick), f.stringNode(""),
                f.numberNode(-pick - 0.5));
        JsonNode choice = choices.get(pick % choices.size());
        return choice.getNodeType() == v.getNodeType() ? choices.get((pick + 1) % choices.size()) : choice;
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            for (String name : new ArrayList<>(o.propertyNames())) {
                slots.add(new Slot(o, name, -1));
                collect(o.get(name), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i));
                collect(a.get(i), slots);
            }
        }
    }

    /** A place in the tree: a property of an object or an element of an array. */
    private record Slot(JsonNode parent, String name, int index) {
        JsonNode get() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (name != null) {
                ((ObjectNode) parent).set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void delete() {
            if (name != null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ArrayNode) parent).set(index, JsonNodeFactory.instance.nullNode());
            }
        }
    }
}
