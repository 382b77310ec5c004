package io.keyledger.local.cli;

import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.IngestListener;
import io.keyledger.core.ingest.Rejection;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Counts what an ingest run does and, for long runs, reports it on stderr every two seconds. It hears
 * of applied, duplicate and rejected events from the inventory service itself (as an
 * {@link IngestListener}); records read and malformed are counted by the reader.
 */
final class IngestProgress implements IngestListener {

    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final Clock clock;
    private final PrintWriter err;
    private final boolean quiet;
    private final Instant started;
    /** When the next report is due, in the clock's milliseconds: read per record, so no Instant each time. */
    private long nextReport;
    private long read;
    private long applied;
    private long duplicates;
    private long rejected;
    private long malformed;
    private long ignored;

    IngestProgress(Clock clock, PrintWriter err, boolean quiet) {
        this.clock = clock;
        this.err = err;
        this.quiet = quiet;
        this.started = clock.instant();
        this.nextReport = started.plus(INTERVAL).toEpochMilli();
    }

    @Override
    public void applied(String tenant, KeyEvent event, boolean stateChanged) {
        applied++;
    }

    @Override
    public void duplicate(String tenant, KeyEvent event) {
        duplicates++;
    }

    @Override
    public void rejected(Rejection rejection) {
        rejected++;
    }

    void recordRead() {
        read++;
    }

    void malformed() {
        malformed++;
    }

    /** A record that says nothing about keys (another service's event). */
    void ignored() {
        ignored++;
    }

    /** Reports if the interval has passed since the last report. */
    void tick() {
        if (quiet || clock.millis() < nextReport) {
            return;
        }
        Instant now = clock.instant();
        nextReport = now.plus(INTERVAL).toEpochMilli();
        err.printf(Locale.ROOT, "progress: %d records read, %d applied, %d duplicates, %d rejected, %.0f records/s%n",
                read, applied, duplicates, rejected + malformed, rate(now));
        err.flush();
    }

    long applied() {
        return applied;
    }

    long duplicates() {
        return duplicates;
    }

    /** Records not applied: malformed, or rejected by the inventory. */
    long notApplied() {
        return rejected + malformed;
    }

    private double rate(Instant now) {
        double seconds = Duration.between(started, now).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : read / seconds;
    }

    String summary(int files) {
        Instant now = clock.instant();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "ingested %d file%s: %d records read, %d applied, %d duplicate%s, %d rejected",
                files, files == 1 ? "" : "s", read, applied, duplicates, duplicates == 1 ? "" : "s", notApplied()));
        if (malformed > 0) {
            b.append(" (").append(malformed).append(" malformed)");
        }
        if (ignored > 0) {
            b.append(", ").append(ignored).append(" not about keys");
        }
        b.append(String.format(Locale.ROOT, " in %.1f s (%.0f records/s)",
                Duration.between(started, now).toMillis() / 1000.0, rate(now)));
        return b.toString();
    }
}
