package io.keyledger.functions.ingest;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.store.UsageStore;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.UnreachableEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class MessageIngesterTest {

    private final MutableClock clock = new MutableClock(T0.plusSeconds(3600));
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final InventoryService inventory = Fixtures.services(store, clock, "acme").inventory();
    private final MessageIngester ingester = new MessageIngester(inventory, Decoders.of(List.of()), Optional.empty());

    private static InboundMessage message(String id, String body) {
        return new InboundMessage(id, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String create(String eventId, String key) {
        return KeyEventJson.write(event(eventId, T0, Action.CREATE, awsKey(key)));
    }

    @Test
    void aBadMessageFailsAloneAndTheRestIsApplied() {
        IngestOutcome outcome = ingester.ingest(List.of(
                message("m1", create("e1", "k1")),
                message("m2", "{\"not\": \"an audit record\"}"),
                message("m3", create("e3", "k3"))), false);

        assertThat(outcome.failedMessageIds()).containsExactly("m2");
        assertThat(outcome.applied()).isEqualTo(2);
        assertThat(outcome.problems()).singleElement().asString().startsWith("m2 record 1");
        assertThat(outcome.retryMessageIds()).as("its content failed it: a redelivery would fail the same way").isEmpty();
        assertThat(inventory.asset("acme", awsKey("k3").id())).isPresent();
    }

    @Test
    void onAnOrderedQueueTheFirstFailureFailsEveryLaterMessageUnapplied() {
        IngestOutcome outcome = ingester.ingest(List.of(
                message("m1", create("e1", "k1")),
                message("m2", "{\"truncated\": "),
                message("m3", create("e3", "k3"))), true);

        assertThat(outcome.failedMessageIds()).containsExactly("m2", "m3");
        assertThat(outcome.retryMessageIds()).as("m3 was not attempted, through no fault of its own").containsExactly("m3");
        assertThat(inventory.asset("acme", awsKey("k1").id())).isPresent();
        assertThat(inventory.asset("acme", awsKey("k3").id())).isEmpty();
    }

    @Test
    void aRedeliveredMessageIsADuplicateAndSucceeds() {
        ingester.ingest(List.of(message("m1", create("e1", "k1"))), false);
        IngestOutcome again = ingester.ingest(List.of(message("m1", create("e1", "k1"))), false);

        assertThat(again.allSucceeded()).isTrue();
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.applied()).isZero();
    }

    @Test
    void theGoodRecordsOfAFailedMessageAreAppliedAndTheMessageIsRetried() {
        String body = create("e1", "k1") + "\n{\"eventId\": 17}\n" + create("e2", "k2");
        IngestOutcome outcome = ingester.ingest(List.of(message("file", body)), false);

        assertThat(outcome.failedMessageIds()).containsExactly("file");
        assertThat(outcome.applied()).isEqualTo(2);
        assertThat(outcome.problems()).singleElement().asString().contains("record 2");
    }

    @Test
    void aStoreFailureFailsTheMessageWithoutStackTraceInTheProblem() {
        InventoryStore healthy = new InMemoryInventoryStore(clock);
        InventoryStore failingWrites = StoreParts.of(healthy).withEvents(UnreachableEvents.forWrites(healthy,
                () -> new IllegalStateException("table unavailable"))).compose();
        InventoryService broken = Fixtures.services(failingWrites, clock, "acme").inventory();
        IngestOutcome outcome = new MessageIngester(broken, Decoders.of(List.of()), Optional.empty())
                .ingest(List.of(message("m1", create("e1", "k1"))), false);

        assertThat(outcome.failedMessageIds()).containsExactly("m1");
        assertThat(outcome.retryMessageIds()).containsExactly("m1");
        assertThat(outcome.problems()).singleElement().asString().contains("will be retried").doesNotContain("\tat ");
    }

    private static String use(String eventId, String key, int minute, String service) {
        return KeyEventJson.write(event(eventId, T0.plusSeconds(60L * minute), Action.USE, awsKey(key),
                java.util.Map.of(KeyAttribute.USED_BY_SERVICE.wireName(), service)));
    }

    /** A usage store that counts its merges, failing them while {@code failing} is set. */
    private static final class CountedUsage implements UsageStore {
        private final UsageStore usage;
        private final List<String> merged = new ArrayList<>();
        private boolean failing;

        CountedUsage(UsageStore usage) {
            this.usage = usage;
        }

        @Override
        public UsageContext mergeUsage(String tenant, String keyId, UsageContext u) {
            if (failing) {
                throw new IllegalStateException("table unavailable");
            }
            merged.add(keyId);
            return usage.mergeUsage(tenant, keyId, u);
        }

        @Override
        public Optional<UsageContext> usage(String tenant, String keyId) {
            return usage.usage(tenant, keyId);
        }
    }

    @Test
    void theUsesOfAnUnorderedBatchAreRolledUpOncePerKeyAcrossItsMessages() {
        InventoryStore memory = new InMemoryInventoryStore(clock);
        CountedUsage usage = new CountedUsage(memory);
        InventoryStore store = StoreParts.of(memory).withUsage(usage).compose();
        MessageIngester counted = new MessageIngester(Fixtures.services(store, clock, "acme").inventory(),
                Decoders.of(List.of()), Optional.empty());
        List<InboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(message("m" + i, use("u" + i, "k" + i % 2, i, i < 5 ? "s3.amazonaws.com" : "ec2.amazonaws.com")));
        }

        IngestOutcome outcome = counted.ingest(batch, false);

        assertThat(outcome.failedMessageIds()).isEmpty();
        assertThat(outcome.applied()).isEqualTo(10);
        assertThat(usage.merged).as("one rollup write per key for the ten messages").containsExactlyInAnyOrder(
                awsKey("k0").id(), awsKey("k1").id());
        assertThat(memory.usage("acme", awsKey("k1").id()).orElseThrow().services())
                .containsExactlyInAnyOrder("s3.amazonaws.com", "ec2.amazonaws.com");
    }

    @Test
    void whenTheBatchsRollupsCannotBeWrittenEveryMessageWithUsesIsRetried() {
        InventoryStore memory = new InMemoryInventoryStore(clock);
        CountedUsage usage = new CountedUsage(memory);
        usage.failing = true;
        InventoryStore store = StoreParts.of(memory).withUsage(usage).compose();
        MessageIngester counted = new MessageIngester(Fixtures.services(store, clock, "acme").inventory(),
                Decoders.of(List.of()), Optional.empty());

        IngestOutcome outcome = counted.ingest(List.of(message("m1", use("u1", "k1", 1, "s3.amazonaws.com")),
                message("m2", create("e2", "k2")), message("m3", use("u3", "k3", 3, "s3.amazonaws.com"))), false);

        assertThat(outcome.failedMessageIds()).as("the create was applied and needs no rollup; it still waited on the run")
                .containsExactlyInAnyOrder("m1", "m2", "m3");
        assertThat(outcome.retryMessageIds()).containsExactlyInAnyOrder("m1", "m2", "m3");
        assertThat(inventory.asset("acme", awsKey("k2").id())).isEmpty();
        assertThat(memory.asset("acme", awsKey("k2").id())).as("kept, and a duplicate when delivered again").isPresent();

        usage.failing = false;
        IngestOutcome again = counted.ingest(List.of(message("m1", use("u1", "k1", 1, "s3.amazonaws.com")),
                message("m2", create("e2", "k2")), message("m3", use("u3", "k3", 3, "s3.amazonaws.com"))), false);
        assertThat(again.failedMessageIds()).isEmpty();
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(usage.merged).containsExactlyInAnyOrder(awsKey("k1").id(), awsKey("k3").id());
    }

    @Test
    void aReferencedObjectIsReadAndIngestedGzipped() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write((create("e1", "k1") + "\n" + create("e2", "k2")).getBytes(StandardCharsets.UTF_8));
        }
        List<String> opened = new ArrayList<>();
        ObjectReader reader = ref -> {
            opened.add(ref.bucket() + "/" + ref.key());
            return new ByteArrayInputStream(gz.toByteArray());
        };
        Decoders withReference = Decoders.of(List.of(new ReferenceDecoder()));
        IngestOutcome outcome = new MessageIngester(inventory, withReference, Optional.of(reader))
                .ingest(List.of(message("n1", "{\"object\": \"AWSLogs/1.json.gz\"}")), false);

        assertThat(opened).containsExactly("trail-bucket/AWSLogs/1.json.gz");
        assertThat(outcome.allSucceeded()).isTrue();
        assertThat(outcome.applied()).isEqualTo(2);
        assertThat(inventory.asset("acme", awsKey("k2").id()).orElseThrow().state()).isEqualTo(LifecycleState.ACTIVE);
    }

    @Test
    void aReferencedObjectWithoutAReaderFailsTheMessage() {
        IngestOutcome outcome = new MessageIngester(inventory, Decoders.of(List.of(new ReferenceDecoder())),
                Optional.empty()).ingest(List.of(message("n1", "{\"object\": \"AWSLogs/1.json.gz\"}")), false);

        assertThat(outcome.failedMessageIds()).containsExactly("n1");
        assertThat(outcome.problems()).singleElement().asString().contains("reads no objects");
    }

    @Test
    void aReferencedObjectIsAppliedBatchByBatchAsItIsReadNotHeldWhole() {
        // The object's stream looks at the inventory when its fifth record is asked for: with batches of two,
        // the first four events are applied by then.
        List<Boolean> appliedBeforeTheFifth = new ArrayList<>();
        ObjectReader reader = ref -> new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                stream(create("e1", "k1") + "\n" + create("e2", "k2") + "\n" + create("e3", "k3") + "\n"
                        + create("e4", "k4") + "\n"),
                new java.io.InputStream() {
                    private final java.io.InputStream rest = stream(create("e5", "k5") + "\n");
                    private boolean looked;

                    @Override
                    public int read() throws IOException {
                        if (!looked) {
                            looked = true;
                            appliedBeforeTheFifth.add(inventory.asset("acme", awsKey("k4").id()).isPresent());
                        }
                        return rest.read();
                    }
                })));
        IngestOutcome outcome = new MessageIngester(inventory, Decoders.of(List.of(new ReferenceDecoder())),
                Optional.of(reader), 2, 100).ingest(List.of(message("n1", "{\"object\": \"AWSLogs/2.json\"}")), false);

        assertThat(appliedBeforeTheFifth).containsExactly(true);
        assertThat(outcome.allSucceeded()).isTrue();
        assertThat(outcome.applied()).isEqualTo(5);
    }

    @Test
    void aFloodOfBadRecordsKeepsTheFirstProblemsAndCountsTheRest() {
        String flood = "{}\n".repeat(5) + create("e1", "k1");
        IngestOutcome outcome = new MessageIngester(inventory, Decoders.of(List.of()), Optional.empty(), 500, 2)
                .ingest(List.of(message("m1", flood)), false);

        assertThat(outcome.failedMessageIds()).containsExactly("m1");
        assertThat(outcome.applied()).isEqualTo(1);
        assertThat(outcome.problems()).hasSize(3).startsWith("m1 record 1 (line 1): not a record of any known format "
                + "(keyledger-event)").endsWith("and 3 more problems (only the first 2 are listed)");
    }

    private static java.io.InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A storage notification naming one object, as the S3 decoders produce. */
    private static final class ReferenceDecoder implements io.keyledger.core.decode.EventDecoder {
        @Override
        public String format() {
            return "test-notification";
        }

        @Override
        public boolean recognises(tools.jackson.databind.JsonNode record) {
            return record.has("object");
        }

        @Override
        public void decode(tools.jackson.databind.JsonNode record, io.keyledger.core.decode.RecordLocation at,
                           java.util.function.Consumer<DecodedRecord> out) {
            out.accept(new DecodedRecord.ObjectReference(at, "s3", "us-east-1", "trail-bucket",
                    record.get("object").asString(), 100));
        }
    }
}
