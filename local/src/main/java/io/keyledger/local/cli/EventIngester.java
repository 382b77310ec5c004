package io.keyledger.local.cli;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads inputs through the decoders and applies the events in batches. Each record keeps its location
 * (input, record number, line) so that a malformed record, or one the inventory rejects, is reported
 * where it is; neither stops the rest.
 */
final class EventIngester {

    /** How many rejected locations the closing message lists; each one was reported on its own already. */
    private static final int LISTED_REJECTIONS = 10;

    private final InventoryService service;
    private final IngestProgress progress;
    private final Decoders decoders;
    private final PrintWriter err;
    private final int batchSize;
    private final List<KeyEvent> batch = new ArrayList<>();
    private final List<String> batchLocations = new ArrayList<>();
    private final List<String> rejectedLocations = new ArrayList<>();
    private int files;

    EventIngester(InventoryService service, IngestProgress progress, Decoders decoders, PrintWriter err,
                  int batchSize) {
        this.service = service;
        this.progress = progress;
        this.decoders = decoders;
        this.err = err;
        this.batchSize = batchSize;
    }

    /** Ingests a file, plain or gzip; its absolute path names it in locations and event sources. */
    void ingest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ingest(file.toAbsolutePath().normalize().toString(), in);
        }
    }

    void ingest(String name, InputStream in) throws IOException {
        files++;
        decoders.read(name, in, this::accept);
    }

    private void accept(DecodedRecord record) {
        progress.recordRead();
        if (record instanceof DecodedRecord.Event e) {
            batch.add(e.event());
            batchLocations.add(e.at().toString());
            if (batch.size() >= batchSize) {
                flush();
            }
        } else if (record instanceof DecodedRecord.Malformed m) {
            progress.malformed();
            reject(m.at().toString(), (m.field().isEmpty() ? "" : "field '" + m.field() + "': ") + m.message());
        } else if (record instanceof DecodedRecord.Ignored) {
            progress.ignored();
        } else if (record instanceof DecodedRecord.KeyStoreChange change) {
            // The fan-out reads the keys' current states, so everything before it must be applied first.
            flush();
            report(change.at().toString(), service.applyKeyStoreChange(change), List.of());
        } else if (record instanceof DecodedRecord.ObjectReference ref) {
            progress.ignored();
            err.println(ref.at() + ": names " + ref.store() + "://" + ref.bucket() + "/" + ref.key()
                    + " (" + ref.size() + " bytes): download that object and ingest the file");
        }
        progress.tick();
    }

    /** Applies the events read so far. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        BatchResult result = service.apply(List.copyOf(batch));
        report("", result, batchLocations);
        batch.clear();
        batchLocations.clear();
        progress.tick();
    }

    private void report(String fallbackLocation, BatchResult result, List<String> locations) {
        for (Rejection r : result.rejected()) {
            String event = r.eventId().isEmpty() ? "" : " (event " + r.eventId() + ")";
            reject(locations.isEmpty() ? fallbackLocation : locations.get(r.index()), r.reason() + event);
        }
    }

    private void reject(String location, String message) {
        err.println(location + ": " + message);
        err.flush();
        rejectedLocations.add(location);
    }

    int files() {
        return files;
    }

    boolean allApplied() {
        return rejectedLocations.isEmpty();
    }

    /** The closing message when some records were not applied, naming the first of them. */
    String rejectionSummary() {
        int n = rejectedLocations.size();
        StringBuilder b = new StringBuilder();
        b.append(n).append(n == 1 ? " record" : " records").append(" not applied");
        if (n > 0) {
            b.append(": ").append(String.join(", ", rejectedLocations.subList(0, Math.min(n, LISTED_REJECTIONS))));
            if (n > LISTED_REJECTIONS) {
                b.append(" and ").append(n - LISTED_REJECTIONS).append(" more");
            }
        }
        return b.toString();
    }
}
