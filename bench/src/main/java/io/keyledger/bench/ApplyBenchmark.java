package io.keyledger.bench;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.json.Json;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Event apply throughput, per event: {@link InventoryService#apply} in batches of {@value #BATCH_SIZE}
 * into an empty in-memory store and an empty SQLite file, next to the cost of only parsing the same
 * events' JSON lines ({@link KeyEventJson#read}) and of Jackson's bare {@code readTree}.
 *
 * <p>Applying needs an empty store each time (a second pass would be all duplicates), so the apply
 * benchmarks are single shots, one pass over the stream per iteration on a fresh store. A pass into
 * memory is short, and its first passes run before the JIT has compiled the apply path (they measure
 * three times slower), so that one warms up over more passes. Parsing has no state and is measured as
 * an average over timed iterations.
 */
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApplyBenchmark {

    public static final int KEYS = 1_000;
    public static final int EVENTS = 10_000;
    public static final int BATCH_SIZE = 500;
    public static final long SEED = 20_260_101L;

    /** The event stream, generated once per fork. */
    @State(Scope.Benchmark)
    public static class Events {
        List<List<KeyEvent>> batches;
        List<String> jsonLines;

        @Setup(Level.Trial)
        public void generate() {
            EventStream stream = EventStream.generate(KEYS, EVENTS, SEED);
            batches = stream.batches(BATCH_SIZE);
            jsonLines = stream.jsonLines();
        }
    }

    /** An empty in-memory store per iteration. */
    @State(Scope.Benchmark)
    public static class InMemory {
        InventoryService service;

        @Setup(Level.Iteration)
        public void open() {
            service = Stores.ingestInto(new InMemoryInventoryStore(Stores.CLOCK));
        }
    }

    /** An empty SQLite file per iteration, in a temporary directory deleted afterwards. */
    @State(Scope.Benchmark)
    public static class Sqlite {
        Path dir;
        SqliteInventoryStore store;
        InventoryService service;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = Files.createTempDirectory("keyledger-bench-");
            store = SqliteInventoryStore.open(dir.resolve("inventory.db"), Stores.CLOCK);
            service = Stores.ingestInto(store);
        }

        @TearDown(Level.Iteration)
        public void close() {
            store.close();
            Stores.deleteTree(dir);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(EVENTS)
    @Warmup(iterations = 10)
    @Measurement(iterations = 5)
    public void applyInMemory(Events events, InMemory target, Blackhole blackhole) {
        applyAll(events, target.service, blackhole);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(EVENTS)
    public void applySqlite(Events events, Sqlite target, Blackhole blackhole) {
        applyAll(events, target.service, blackhole);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(EVENTS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void parseKeyEventJson(Events events, Blackhole blackhole) {
        for (String line : events.jsonLines) {
            blackhole.consume(KeyEventJson.read(line, EventStream.SOURCE));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(EVENTS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void parseJacksonTree(Events events, Blackhole blackhole) {
        for (String line : events.jsonLines) {
            blackhole.consume(Json.mapper().readTree(line));
        }
    }

    private static void applyAll(Events events, InventoryService service, Blackhole blackhole) {
        for (List<KeyEvent> batch : events.batches) {
            blackhole.consume(service.apply(batch));
        }
    }
}
