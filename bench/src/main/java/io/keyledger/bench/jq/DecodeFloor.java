package io.keyledger.bench.jq;

import io.keyledger.bench.DecodeFormats;
import io.keyledger.core.decode.Decoders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * What reading a corpus costs before anything is applied: the floor under {@code keyledger ingest}'s wall time.
 * Over the gzip CloudTrail files of a directory (as {@code IngestVersusJq --corpus-only} writes them), one pass
 * each of: gunzip and JSON tokens only; the same with every string built; KeyLedger's decoders on one thread; and
 * the decoders on {@code --threads} threads. Run it with the JVM options the CLI runs with, so that the figures
 * compare with an ingest's.
 *
 * <pre>
 * java -Xmx128m -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -cp bench/target/benchmarks.jar \
 *     io.keyledger.bench.jq.DecodeFloor &lt;corpus dir&gt; [--threads 2]
 * </pre>
 */
public final class DecodeFloor {

    private static final JsonFactory TOKENS = new JsonFactory();

    /** One pass: what it did, how long it took, and how many tokens or records it went through. */
    record Pass(String label, String unit, long items, double wallSeconds, double cpuSeconds) {
    }

    private DecodeFloor() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: DecodeFloor <directory of .json.gz files> [--threads N]");
            System.exit(64);
        }
        List<Path> files = gzipFiles(Path.of(args[0]));
        int threads = args.length >= 3 && args[1].equals("--threads") ? Integer.parseInt(args[2]) : 2;
        if (files.isEmpty()) {
            System.err.println("no .json.gz files in " + args[0]);
            System.exit(66);
        }
        System.out.printf("%d files; one pass each%n", files.size());
        System.out.printf("%-34s %9s %9s %12s%n", "", "wall s", "CPU s", "per second");
        for (Pass pass : measure(files, threads)) {
            System.out.printf("%-34s %9.2f %9.2f %,12.0f %s (%,d)%n", pass.label(), pass.wallSeconds(),
                    pass.cpuSeconds(), pass.items() / pass.wallSeconds(), pass.unit(), pass.items());
        }
    }

    /** The four passes over {@code files}, in order. */
    static List<Pass> measure(List<Path> files, int threads) throws InterruptedException {
        Decoders decoders = DecodeFormats.decoders();
        return List.of(
                pass("gunzip + JSON tokens", 1, files, file -> tokens(file, false), "tokens"),
                pass("gunzip + JSON tokens + strings", 1, files, file -> tokens(file, true), "tokens"),
                pass("decoded, 1 thread", 1, files, file -> decode(decoders, file), "records"),
                pass("decoded, " + threads + " threads", threads, files, file -> decode(decoders, file), "records"));
    }

    @FunctionalInterface
    private interface FileWork {
        long run(Path file) throws IOException;
    }

    /** Runs {@code work} over the files on {@code threads} threads, timing it. */
    private static Pass pass(String label, int threads, List<Path> files, FileWork work, String unit)
            throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicInteger next = new AtomicInteger();
        AtomicLong items = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                long cpu = mx.getCurrentThreadCpuTime();
                for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                    try {
                        items.addAndGet(work.run(files.get(i)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(files.get(i).toString(), e);
                    }
                }
                cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu);
            }, "decode-floor-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Pass(label, unit, items.get(), (System.nanoTime() - start) / 1e9, cpuNanos.get() / 1e9);
    }

    private static long tokens(Path file, boolean strings) throws IOException {
        long count = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024);
             JsonParser parser = TOKENS.createParser(ObjectReadContext.empty(), in)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                count++;
                if (strings && (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME)) {
                    parser.getString();
                }
            }
        }
        return count;
    }

    private static long decode(Decoders decoders, Path file) throws IOException {
        AtomicLong count = new AtomicLong();
        try (InputStream in = Files.newInputStream(file)) {
            decoders.read(file.toString(), in, record -> count.incrementAndGet());
        }
        return count.get();
    }

    static List<Path> gzipFiles(Path dir) throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted().toList();
        }
    }
}
