package io.keyledger.local.cli;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ingest.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads inputs through their decoders and applies the events in batches. Each record keeps its
 * {@code <file>:<line>} so that a malformed record, or one the inventory rejects, is reported where it
 * is; neither stops the rest.
 */
final class EventIngester {

    /** How many rejected locations the closing message lists; each one was reported on its own already. */
    private static final int LISTED_REJECTIONS = 10;

    private final InventoryService service;
    private final IngestProgress progress;
    private final RecordDecoders decoders;
    private final PrintWriter err;
    private final int batchSize;
    private final List<KeyEvent> batch = new ArrayList<>();
    private final List<String> batchLocations = new ArrayList<>();
    private final List<String> rejectedLocations = new ArrayList<>();
    private int files;
    private int skippedFiles;

    EventIngester(InventoryService service, IngestProgress progress, RecordDecoders decoders, PrintWriter err,
                  int batchSize) {
        this.service = service;
        this.progress = progress;
        this.decoders = decoders;
        this.err = err;
        this.batchSize = batchSize;
    }

    void ingest(Path file) throws IOException {
        try (BufferedReader reader = InputFiles.open(file)) {
            ingest(new RecordInput(file.toString(), file.toAbsolutePath().normalize().toString(), reader));
        }
    }

    void ingest(RecordInput input) throws IOException {
        Optional<RecordDecoder> decoder = decoders.choose(input.reader());
        if (decoder.isEmpty()) {
            skippedFiles++;
            err.println(input.displayName() + ": skipped, not a known event format (known: " + decoders.formats() + ")");
            return;
        }
        files++;
        decoder.get().decode(input, this::accept);
    }

    private void accept(DecodedRecord record) {
        progress.recordRead();
        if (record instanceof DecodedRecord.Event e) {
            batch.add(e.event());
            batchLocations.add(e.location());
            if (batch.size() >= batchSize) {
                flush();
            }
        } else if (record instanceof DecodedRecord.Malformed m) {
            progress.malformed();
            reject(m.location(), m.message());
        }
        progress.tick();
    }

    /** Applies the events read so far. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        BatchResult result = service.apply(List.copyOf(batch));
        for (Rejection r : result.rejected()) {
            String event = r.eventId().isEmpty() ? "" : " (event " + r.eventId() + ")";
            reject(batchLocations.get(r.index()), r.reason() + event);
        }
        batch.clear();
        batchLocations.clear();
        progress.tick();
    }

    private void reject(String location, String message) {
        err.println(location + ": " + message);
        err.flush();
        rejectedLocations.add(location);
    }

    int files() {
        return files;
    }

    int skippedFiles() {
        return skippedFiles;
    }

    boolean allApplied() {
        return rejectedLocations.isEmpty() && skippedFiles == 0;
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
        if (skippedFiles > 0) {
            b.append("; ").append(skippedFiles).append(skippedFiles == 1 ? " file" : " files").append(" skipped");
        }
        return b.toString();
    }
}
