package io.keyledger.core.report;

/** How far the inventory's live figures meet one auditing guideline. */
public enum Verdict {
    MET, PARTIAL, NOT_MET;

    /** The worse of two verdicts. */
    public Verdict and(Verdict other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
