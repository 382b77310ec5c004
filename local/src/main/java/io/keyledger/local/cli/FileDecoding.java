package io.keyledger.local.cli;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads and decodes files on worker threads while the caller applies what they hold, file by file and record
 * by record in the files' order, so that an ingest gives the same result as reading them one after the other.
 * Memory stays bounded whatever the files' sizes: a worker starts a file only while fewer than
 * {@code threads + 1} files are unconsumed, and waits once a file's decoded records fill a few chunks.
 */
final class FileDecoding implements AutoCloseable {

    /** Decoded records handed over at once: fewer hand-overs, and still little held. */
    static final int CHUNK = 128;
    /** Chunks a file may hold before its worker waits for the caller. */
    static final int CHUNKS_PER_FILE = 16;

    /** What a worker hands over: records, then an end (with the error that ended the file, if any). */
    private sealed interface Part {
        record Records(List<DecodedRecord> records) implements Part {
        }

        record End(IOException error) implements Part {
        }

        /** A failure that is no fault of the file: handed to the caller, who rethrows it. */
        record Failed(RuntimeException failure) implements Part {
        }
    }

    private final Decoders decoders;
    private final List<Path> files;
    private final List<BlockingQueue<Part>> parts = new ArrayList<>();
    private final Semaphore ahead;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService workers;

    /** Starts decoding {@code files} on {@code threads} workers (at least one). */
    FileDecoding(Decoders decoders, List<Path> files, int threads) {
        this.decoders = decoders;
        this.files = List.copyOf(files);
        for (int i = 0; i < files.size(); i++) {
            parts.add(new ArrayBlockingQueue<>(CHUNKS_PER_FILE));
        }
        int n = Math.max(1, Math.min(threads, Math.max(1, files.size())));
        this.ahead = new Semaphore(n + 1);
        this.workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "keyledger-decode");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < n; i++) {
            workers.execute(this::work);
        }
    }

    /** Decoding threads worth starting here: the processors but one, which applies, and at least one. */
    static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** The file names that events name, as a file read alone would be named. */
    static String name(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private void work() {
        try {
            while (true) {
                ahead.acquire();
                int i = next.getAndIncrement();
                if (i >= files.size()) {
                    ahead.release();
                    return;
                }
                decode(files.get(i), parts.get(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void decode(Path file, BlockingQueue<Part> out) throws InterruptedException {
        Chunks chunks = new Chunks(out);
        IOException error = null;
        try (InputStream in = Files.newInputStream(file)) {
            decoders.read(name(file), in, chunks);
        } catch (IOException e) {
            error = e;
        } catch (Interrupted e) {
            throw e.cause;
        } catch (RuntimeException e) {
            // Never left unsaid: the caller waits for this file's end.
            out.put(new Part.Failed(e));
            return;
        }
        if (!chunks.chunk.isEmpty()) {
            out.put(new Part.Records(chunks.chunk));
        }
        out.put(new Part.End(error));
    }

    /** Collects decoded records into chunks and hands each full one over. */
    private static final class Chunks implements Consumer<DecodedRecord> {
        private final BlockingQueue<Part> out;
        private List<DecodedRecord> chunk = new ArrayList<>(CHUNK);

        Chunks(BlockingQueue<Part> out) {
            this.out = out;
        }

        @Override
        public void accept(DecodedRecord record) {
            chunk.add(record);
            if (chunk.size() >= CHUNK) {
                put(out, new Part.Records(chunk));
                chunk = new ArrayList<>(CHUNK);
            }
        }
    }

    /** An interruption carried out of the decoders' callback. */
    private static final class Interrupted extends RuntimeException {
        private final InterruptedException cause;

        Interrupted(InterruptedException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private static void put(BlockingQueue<Part> out, Part part) {
        try {
            out.put(part);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted(e);
        }
    }

    /**
     * Hands every file's records to {@code records}, in order, after telling {@code start} its name; a file
     * that could not be read to its end goes to {@code unreadable} after the records read before the error.
     */
    void forEach(Consumer<String> start, Consumer<DecodedRecord> records, BiConsumer<Path, IOException> unreadable) {
        for (int i = 0; i < files.size(); i++) {
            start.accept(name(files.get(i)));
            BlockingQueue<Part> queue = parts.get(i);
            while (true) {
                Part part;
                try {
                    part = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading " + files.get(i), e);
                }
                if (part instanceof Part.Records r) {
                    r.records().forEach(records);
                } else if (part instanceof Part.Failed f) {
                    throw f.failure();
                } else {
                    Part.End end = (Part.End) part;
                    parts.set(i, null);
                    ahead.release();
                    if (end.error() != null) {
                        unreadable.accept(files.get(i), end.error());
                    }
                    break;
                }
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
