package io.keyledger.core.sweep;

import java.util.Objects;
import java.util.Optional;

/**
 * One scope's sweep and where a later run can pick it up.
 *
 * <p>{@code resumeCursor} is the cursor of the first page this run did not list, present when the
 * listing was cut short after it had got somewhere; a later run passes it back
 * ({@link ScopeSweep#resumeAt}) to list the rest instead of starting over, which matters where quotas
 * are small (Google allows 300 reads a minute per project). A partial sweep without a resume cursor
 * either failed on its first page or listed everything but could not finish the missing-key check:
 * both need a whole sweep. The cursor is the provider's own page token, and some expire (Google's do),
 * so a resume that keeps failing on its first page should start over.
 *
 * <p>A resumed run only ever confirms, corrects and adds keys: it never classes a key as missing (see
 * {@link Reconciler#sweep(String, KeySource, Optional)}), so missing keys are found by whole sweeps only.
 *
 * @param pacing what pacing cost this run, when the source was a {@link PacedKeySource}
 */
public record SweepOutcome(SweepReport report, Optional<String> resumeCursor, Optional<PacingStats> pacing) {

    public SweepOutcome {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(resumeCursor, "resumeCursor");
        Objects.requireNonNull(pacing, "pacing");
    }

    /** Whether the scope was swept whole, missing-key check included. */
    public boolean complete() {
        return !report.partial();
    }
}
