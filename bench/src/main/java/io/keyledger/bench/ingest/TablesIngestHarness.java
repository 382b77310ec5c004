package io.keyledger.bench.ingest;

import com.azure.data.tables.TableServiceClient;
import io.keyledger.azure.format.AzureDecoders;
import io.keyledger.azure.tables.InventoryTables;
import io.keyledger.azure.tables.TablesRequestCounter;
import io.keyledger.azure.tables.TablesSettings;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.Action;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import io.keyledger.functions.ingest.MessageIngester;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.azure.Azurite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Store requests per ingested event on Azure Tables: the bundled Key Vault AuditEvent log, as diagnostic settings
 * stream it into Event Hubs ({@code {"records": [...]}} documents of {@code --records-per-event} records each), ingested
 * as the Event Hub
 * function ingests a batch ({@link MessageIngester} with the Azure decoders, one message per event) into the
 * production {@link io.keyledger.azure.tables.TablesInventoryStore} on Azurite, built from its settings as the
 * function app builds it. Requests are counted on the store's own client ({@link TablesRequestCounter}) for four
 * passes: the state-changing events when new, the same documents delivered again (as Event Hubs does after a
 * checkpoint that was not written), the cryptographic uses when first seen, and the same uses again. It exits
 * with 1 when a pass reports a problem, a redelivery writes, or the ledger does not verify.
 */
public final class TablesIngestHarness {

    static final String LOG = "/io/keyledger/azure/demo/keyvault-auditevent.json";

    /** What one pass cost: the events in it, the store requests, and the ingest's tally. */
    record Pass(String name, int events, TablesRequestCounter.Snapshot requests, IngestOutcome outcome) {
        double perEvent(long count) {
            return (double) count / events;
        }
    }

    /** The four passes, in order. */
    record Result(Pass fresh, Pass redelivered, Pass uses, Pass usesAgain, boolean ledgerIntact) {
        List<Pass> passes() {
            return List.of(fresh, redelivered, uses, usesAgain);
        }

        List<String> problems() {
            List<String> out = new ArrayList<>();
            passes().forEach(p -> p.outcome().problems().forEach(problem -> out.add(p.name() + ": " + problem)));
            if (redelivered.requests().writeRequests() > 0) {
                out.add("the redelivery wrote " + redelivered.requests().writeRequests() + " times");
            }
            if (fresh.outcome().applied() != fresh.events()) {
                out.add("new events: " + fresh.outcome().applied() + " of " + fresh.events() + " applied");
            }
            if (!ledgerIntact) {
                out.add("the ledger does not verify");
            }
            return out;
        }
    }

    private TablesIngestHarness() {
    }

    static final String USAGE = "usage: java -cp <see bench/README.md> io.keyledger.bench.ingest.TablesIngestHarness "
            + "[--records-per-event N]  (records in each Event Hub event's document, 1 to 100; default 1)";

    public static void main(String[] args) {
        int recordsPerEvent;
        try {
            recordsPerEvent = recordsPerEvent(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        Result result = run(recordsPerEvent);
        print(result, recordsPerEvent);
        if (!result.problems().isEmpty()) {
            result.problems().forEach(System.err::println);
            System.exit(1);
        }
    }

    static int recordsPerEvent(String... args) {
        if (args.length == 0) {
            return 1;
        }
        if (args.length != 2 || !args[0].equals("--records-per-event")) {
            throw new IllegalArgumentException("unknown options " + String.join(" ", args));
        }
        try {
            int n = Integer.parseInt(args[1]);
            if (n < 1 || n > 100) {
                throw new IllegalArgumentException("--records-per-event must be 1 to 100, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--records-per-event: not a whole number: " + args[1]);
        }
    }

    /** Starts Azurite, runs the four passes on fresh tables, stops it. */
    static Result run(int recordsPerEvent) {
        try (Azurite azurite = Azurite.start()) {
            TablesSettings settings = TablesSettings.fromEnvironment(Map.of(TablesSettings.ENV_CONNECTION,
                    azurite.connectionString(), TablesSettings.ENV_TABLE, "ingestharness"));
            TablesRequestCounter counter = new TablesRequestCounter();
            TableServiceClient client = settings.client(Optional.empty(), counter);
            InventoryTables.named("ingestharness").ensure(client);
            MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
            InventoryStore store = settings.store(client, clock);
            CoreServices services = CoreServices.of(store, clock, CoreSettings.DEFAULTS
                    .withTenants(TenantResolver.single("acme")).withoutAnomalyDetection());
            MessageIngester ingester = new MessageIngester(services.inventory(), Decoders.of(AzureDecoders.all()),
                    Optional.empty());
            Documents documents = Documents.of(log(), recordsPerEvent);
            Pass fresh = pass("new state-changing events", documents.changes(), documents.changeEvents(), ingester,
                    counter);
            Pass redelivered = pass("redelivered", documents.changes(), documents.changeEvents(), ingester, counter);
            Pass uses = pass("cryptographic uses, first", documents.uses(), documents.useEvents(), ingester, counter);
            Pass usesAgain = pass("cryptographic uses, again", documents.uses(), documents.useEvents(), ingester, counter);
            return new Result(fresh, redelivered, uses, usesAgain, new LedgerVerifier(store).verify("acme").intact());
        }
    }

    private static Pass pass(String name, List<String> events, int keyEvents, MessageIngester ingester,
                             TablesRequestCounter counter) {
        TablesRequestCounter.Snapshot before = counter.snapshot();
        List<InboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new InboundMessage("partition 0, sequence " + i, events.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        // one message at a time, as the Event Hub function ingests a batch
        int records = 0;
        int applied = 0;
        int duplicates = 0;
        int ignored = 0;
        List<String> failed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (InboundMessage m : messages) {
            IngestOutcome o = ingester.ingest(List.of(m), false);
            records += o.records();
            applied += o.applied();
            duplicates += o.duplicates();
            ignored += o.ignored();
            failed.addAll(o.failedMessageIds());
            problems.addAll(o.problems());
        }
        return new Pass(name, keyEvents, counter.snapshot().minus(before),
                new IngestOutcome(messages.size(), records, applied, duplicates, ignored, failed, problems));
    }

    static void print(Result result, int recordsPerEvent) {
        System.out.printf("Key Vault AuditEvent sample ingested into Azure Tables (Azurite) as Event Hub events of %d "
                        + "record(s): %d state-changing events, %d cryptographic uses%n", recordsPerEvent,
                result.fresh().events(), result.uses().events());
        System.out.printf("%-28s %8s %8s %9s%n", "per event", "writes", "reads", "requests");
        for (Pass p : result.passes()) {
            System.out.printf("%-28s %8.2f %8.2f %9.2f%n", p.name(), p.perEvent(p.requests().writeRequests()),
                    p.perEvent(p.requests().readRequests()), p.perEvent(p.requests().totalRequests()));
        }
        for (Pass p : result.passes()) {
            System.out.println("  " + p.name() + ": " + p.requests().requests());
        }
        System.out.println("ledger " + (result.ledgerIntact() ? "intact" : "BROKEN"));
    }

    private static String log() {
        try (InputStream in = TablesIngestHarness.class.getResourceAsStream(LOG)) {
            if (in == null) {
                throw new IllegalStateException(LOG + " is not on the class path (adapters-azure's jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The log's records as Event Hub events of up to {@code perEvent} records each: those whose events change keys, and
     * those that are cryptographic uses (records that say nothing of keys are left out), with how many key events each
     * set holds.
     */
    record Documents(List<String> changes, int changeEvents, List<String> uses, int useEvents) {
        static Documents of(String log, int perEvent) {
            JsonNode root = Json.mapper().readTree(log);
            List<JsonNode> changes = new ArrayList<>();
            List<JsonNode> uses = new ArrayList<>();
            int changeEvents = 0;
            int useEvents = 0;
            for (JsonNode record : root.path("records")) {
                List<Action> actions = actions(document(List.of(record)));
                if (actions.isEmpty()) {
                    continue;
                }
                if (actions.stream().allMatch(a -> a == Action.USE)) {
                    uses.add(record);
                    useEvents += actions.size();
                } else {
                    changes.add(record);
                    changeEvents += actions.size();
                }
            }
            return new Documents(documents(changes, perEvent), changeEvents, documents(uses, perEvent), useEvents);
        }

        private static List<String> documents(List<JsonNode> records, int perEvent) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < records.size(); i += perEvent) {
                out.add(document(records.subList(i, Math.min(records.size(), i + perEvent))));
            }
            return out;
        }

        private static String document(List<JsonNode> records) {
            ObjectNode doc = Json.mapper().createObjectNode();
            ArrayNode array = doc.putArray("records");
            records.forEach(array::add);
            return Json.write(doc);
        }

        private static List<Action> actions(String document) {
            List<DecodedRecord> decoded = new ArrayList<>();
            try {
                Decoders.of(AzureDecoders.all()).read("event", new ByteArrayInputStream(
                        document.getBytes(StandardCharsets.UTF_8)), decoded::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return decoded.stream().filter(DecodedRecord.Event.class::isInstance)
                    .map(r -> ((DecodedRecord.Event) r).event().action()).toList();
        }
    }
}
