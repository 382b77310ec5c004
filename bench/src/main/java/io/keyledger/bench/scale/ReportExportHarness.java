package io.keyledger.bench.scale;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.functions.report.ReportRequest;
import io.keyledger.functions.report.ReportService;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.SyntheticKeyRecords;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Exports a generated inventory of 1,000,000 keys (by default) as CSV, JSON and a CycloneDX CBOM through
 * the {@link ReportService}, each into an output that counts and discards, and prints per format the
 * time, the bytes, the keys written and the peak heap: see bench/README.md. A plain program, run once
 * per format as an operator would run an export.
 *
 * <p>Exit status: 0 when every format wrote every key, 1 when not, 2 on bad options.
 */
public final class ReportExportHarness {

    static final String USAGE = """
            usage: ReportExportHarness [--keys N] [--formats csv,json,cbom]
              --keys N       keys in the generated inventory (default 1000000)
              --formats LIST formats of the inventory report to export, in order (default csv,json,cbom)""";

    private static final String TENANT = "bench";
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private ReportExportHarness() {
    }

    /** What one export cost. */
    record Export(String format, int keys, long keysWritten, long bytes, long pages, double seconds,
                  long peakHeapBytes) {
    }

    public static void main(String[] args) {
        int keys = 1_000_000;
        List<String> formats = List.of("csv", "json", "cbom");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keys" -> keys = Integer.parseInt(args[++i].replace("_", ""));
                    case "--formats" -> formats = List.of(args[++i].split(","));
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (keys < 1) {
                throw new IllegalArgumentException("--keys must be positive");
            }
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "%,d keys; max heap %,d MB; %s %s%n", keys,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        List<Export> exports = run(keys, formats);
        System.out.printf(Locale.ROOT, "%-6s %12s %16s %8s %10s %10s %14s%n", "format", "keys", "bytes", "pages",
                "seconds", "keys/s", "peak heap MB");
        boolean ok = true;
        for (Export e : exports) {
            System.out.printf(Locale.ROOT, "%-6s %,12d %,16d %,8d %10.2f %,10.0f %,14d%n", e.format(), e.keysWritten(),
                    e.bytes(), e.pages(), e.seconds(), e.keysWritten() / e.seconds(), e.peakHeapBytes() >> 20);
            if (e.keysWritten() != e.keys()) {
                System.out.println("PROBLEM: " + e.format() + " wrote " + e.keysWritten() + " of " + e.keys() + " keys");
                ok = false;
            }
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /** Runs one export per format, each on a fresh store, and measures it. */
    static List<Export> run(int keys, List<String> formats) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        List<Export> out = new ArrayList<>();
        try (HeapWatch heap = new HeapWatch()) {
            for (String format : formats) {
                SyntheticKeyRecords inventory = new SyntheticKeyRecords(new InMemoryInventoryStore(clock), TENANT, keys);
                ReportService reports = ReportService.of(CoreServices.of(inventory.store(), clock, CoreSettings.DEFAULTS));
                KeyCounter sink = new KeyCounter(format.equals("cbom") ? "\"assetType\":\"related-crypto-material\""
                        : format.equals("json") ? "{\"tenant\":\"" + TENANT + "\",\"id\":" : "\r\n");
                heap.usedAfterGcBytes();
                heap.takePeakBytes();
                long start = System.nanoTime();
                try {
                    reports.write(TENANT, new ReportRequest("inventory", format, Optional.empty(), Optional.empty(),
                            AssetQuery.ALL), sink);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long written = format.equals("csv") ? sink.matches - 1 : sink.matches;
                out.add(new Export(format, keys, written, sink.bytes, inventory.pageLimits().size(), seconds, heap.takePeakBytes()));
            }
        }
        return out;
    }

    /** Discards what it is given, counting bytes and the occurrences of the marker that starts each key. */
    static final class KeyCounter extends OutputStream {
        private final byte[] marker;
        private int matched;
        long bytes;
        long matches;

        KeyCounter(String marker) {
            this.marker = marker.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                // The markers do not begin again inside themselves, so restarting on a mismatch is exact.
                if (b[i] == marker[matched]) {
                    if (++matched == marker.length) {
                        matches++;
                        matched = 0;
                    }
                } else {
                    matched = b[i] == marker[0] ? 1 : 0;
                }
            }
        }
    }
}
