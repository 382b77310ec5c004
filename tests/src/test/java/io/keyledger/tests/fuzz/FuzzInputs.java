package io.keyledger.tests.fuzz;

import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.azure.format.AzureDecoders;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.NormalisedEventDecoder;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.json.Json;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.gcp.format.GcpDecoders;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the fuzz targets share: every decoder by format, their real-format seed records, and the ingest they feed. */
final class FuzzInputs {

    /** Every decoder an ingest registers, by format name. */
    static final Map<String, EventDecoder> DECODERS = decoders();

    private FuzzInputs() {
    }

    private static Map<String, EventDecoder> decoders() {
        Map<String, EventDecoder> all = new LinkedHashMap<>();
        List<EventDecoder> list = new ArrayList<>();
        list.add(new NormalisedEventDecoder());
        list.addAll(AwsDecoders.all());
        list.addAll(AzureDecoders.all());
        list.addAll(GcpDecoders.all());
        list.forEach(d -> all.put(d.format(), d));
        return all;
    }

    /**
     * The seed records of a format ({@code seeds/<format>.jsonl}: records of the adapters' test files and demo
     * samples that the format's decoder recognises, one per line).
     */
    static List<JsonNode> seeds(String format) {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = FuzzInputs.class.getResourceAsStream("seeds/" + format + ".jsonl")) {
            if (in == null) {
                throw new IllegalStateException("no seeds for " + format);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    out.add(Json.mapper().readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    /**
     * Does with the decoded records what an ingest does, on a fresh in-memory inventory: applies the events
     * (a rejection is an answer; an exception is a finding) and the key store changes. Each event must also
     * survive KeyLedger's own JSON format, which exports and re-imports it.
     */
    static void ingest(List<DecodedRecord> records) {
        MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
        InventoryService inventory = CoreServices.of(new InMemoryInventoryStore(clock), clock, CoreSettings.DEFAULTS)
                .inventory();
        List<KeyEvent> events = new ArrayList<>();
        for (DecodedRecord record : records) {
            if (record instanceof DecodedRecord.Event e) {
                KeyEventJson.read(KeyEventJson.write(e.event()), e.event().source());
                events.add(e.event());
            } else if (record instanceof DecodedRecord.KeyStoreChange change) {
                inventory.applyKeyStoreChange(change);
            }
        }
        inventory.apply(events);
        // redelivered, as at-least-once channels do: duplicates, never a failure
        inventory.apply(events);
    }
}
