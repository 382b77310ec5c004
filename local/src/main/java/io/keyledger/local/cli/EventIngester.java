package io.keyledger.local.cli;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.JsonRecords;
import io.keyledger.core.decode.Printable;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.IngestRun;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads inputs through the decoders and applies the events in batches. Each record keeps its location
 * (input, record number, line) so that a malformed record, or one the inventory rejects, is reported
 * where it is; neither stops the rest. The first {@code maxReported} are reported in full, the rest only
 * counted by reason, so that a flood of bad records neither floods the terminal nor fills memory; what
 * ends an input early (a decompression bomb, a truncated file) is always reported.
 *
 * <p>The events are applied in one {@link IngestRun}: uses stay aggregated per key across batches, and are
 * written when {@link #flush()} is called (at the end of the ingest) or the run's bounds say so.
 */
final class EventIngester {

    /** How many rejected locations the closing message lists; each one was reported on its own already. */
    private static final int LISTED_REJECTIONS = 10;
    /** Distinct reasons counted; any further one counts as "other reasons", so that counting stays bounded. */
    private static final int COUNTED_REASONS = 50;
    static final String OTHER_REASONS = "other reasons";

    private final InventoryService service;
    private final IngestProgress progress;
    private final Decoders decoders;
    private final PrintWriter err;
    private final int batchSize;
    private final List<KeyEvent> batch = new ArrayList<>();
    private final List<RecordLocation> batchLocations = new ArrayList<>();
    private final List<String> rejectedLocations = new ArrayList<>();
    private final Map<String, Long> byReason = new LinkedHashMap<>();
    private final Map<String, Long> byInput = new LinkedHashMap<>();
    private final int maxReported;
    private long rejected;
    private long reported;
    private String currentInput = "";
    private int files;
    private IngestRun run;

    EventIngester(InventoryService service, IngestProgress progress, Decoders decoders, PrintWriter err,
                  int batchSize) {
        this(service, progress, decoders, err, batchSize, 100);
    }

    EventIngester(InventoryService service, IngestProgress progress, Decoders decoders, PrintWriter err,
                  int batchSize, int maxReported) {
        this.service = service;
        this.progress = progress;
        this.decoders = decoders;
        this.err = err;
        this.batchSize = batchSize;
        this.maxReported = maxReported;
        this.run = service.run();
    }

    /** Ingests a file, plain or gzip; its absolute path names it in locations and event sources. */
    void ingest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ingest(file.toAbsolutePath().normalize().toString(), in);
        }
    }

    void ingest(String name, InputStream in) throws IOException {
        startInput(name);
        decoders.read(name, in, this::accept);
    }

    /** Ingests files decoded ahead on other threads, in their order; a file that cannot be read is reported. */
    void ingest(FileDecoding decoding, java.util.function.BiConsumer<Path, IOException> unreadable) {
        decoding.forEach(this::startInput, this::accept, (file, e) -> {
            applyBatch();
            unreadable.accept(file, e);
        });
    }

    private void startInput(String name) {
        files++;
        currentInput = name;
    }

    void accept(DecodedRecord record) {
        progress.recordRead();
        if (record instanceof DecodedRecord.Event e) {
            batch.add(e.event());
            batchLocations.add(e.at());
            if (batch.size() >= batchSize) {
                applyBatch();
            }
        } else if (record instanceof DecodedRecord.Malformed m) {
            progress.malformed();
            String fieldPart = m.field().isEmpty() ? "" : "field '" + m.field() + "': ";
            reject(m.at().toString(), fieldPart + m.message(), fieldPart + category(m.message()), JsonRecords.endsInput(m));
        } else if (record instanceof DecodedRecord.Ignored) {
            progress.ignored();
        } else if (record instanceof DecodedRecord.KeyStoreChange change) {
            // The fan-out reads the keys' current states, so everything before it must be applied first; it
            // changes records behind the run's back, so a new run starts after it.
            flush();
            report(change.at().toString(), service.applyKeyStoreChange(change), List.of());
            run = service.run();
        } else if (record instanceof DecodedRecord.ObjectReference ref) {
            progress.ignored();
            err.println(ref.at() + ": names " + ref.store() + "://" + ref.bucket() + "/" + ref.key()
                    + " (" + ref.size() + " bytes): download that object and ingest the file");
        }
        progress.tick();
    }

    /** Applies the events read so far, and writes the uses aggregated so far. */
    void flush() {
        applyBatch();
        report("usage rollups", new BatchResult(0, 0, 0, run.flush()), List.of());
        progress.tick();
    }

    private void applyBatch() {
        if (batch.isEmpty()) {
            return;
        }
        BatchResult result = run.apply(List.copyOf(batch));
        report("", result, batchLocations);
        batch.clear();
        batchLocations.clear();
        progress.tick();
    }

    private void report(String fallbackLocation, BatchResult result, List<RecordLocation> locations) {
        for (Rejection r : result.rejected()) {
            String event = r.eventId().isEmpty() ? "" : " (event " + Printable.value(r.eventId()) + ")";
            String reason = Printable.message(r.reason());
            boolean located = r.index() >= 0 && r.index() < locations.size();
            reject(located ? locations.get(r.index()).toString() : fallbackLocation, reason + event,
                    category(reason), false);
        }
    }

    private void reject(String location, String message, String reason, boolean always) {
        rejected++;
        byInput.merge(currentInput, 1L, Long::sum);
        String counted = byReason.containsKey(reason) || byReason.size() < COUNTED_REASONS ? reason : OTHER_REASONS;
        byReason.merge(counted, 1L, Long::sum);
        if (reported < maxReported || always) {
            reported++;
            err.println(location + ": " + message);
            err.flush();
            if (rejectedLocations.size() < LISTED_REJECTIONS) {
                rejectedLocations.add(location);
            }
        }
    }

    /** What a message says without the values it quotes: "field 'eventTime': not a time". */
    static String category(String message) {
        int cut = message.length();
        int from = message.startsWith("field '") ? message.indexOf("': ") + 3 : 0;
        for (String stop : List.of(": ", " (", "; ", " '")) {
            int at = message.indexOf(stop, Math.max(from, 0));
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return message.substring(0, cut);
    }

    long rejected() {
        return rejected;
    }

    int files() {
        return files;
    }

    boolean allApplied() {
        return rejected == 0;
    }

    /**
     * The closing message when some records were not applied: how many, the first of them, and, past the
     * reported ones, how many per reason and which inputs were floods.
     */
    String rejectionSummary() {
        long n = rejected;
        StringBuilder b = new StringBuilder();
        b.append(n).append(n == 1 ? " record" : " records").append(" not applied");
        if (n > 0) {
            b.append(": ").append(String.join(", ", rejectedLocations));
            if (n > rejectedLocations.size()) {
                b.append(" and ").append(n - rejectedLocations.size()).append(" more");
            }
        }
        if (n > reported) {
            b.append("\nonly the first ").append(reported).append(" were reported; all by reason:");
            byReason.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> b.append("\n  ").append(e.getValue()).append("  ").append(e.getKey()));
            byInput.forEach((input, count) -> {
                if (count > maxReported) {
                    b.append("\n").append(Printable.of(input)).append(": a flood of ").append(count)
                            .append(" bad records");
                }
            });
        }
        return b.toString();
    }
}
