package io.keyledger.core.store;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A stored record cannot be read back: a column or attribute is missing or malformed (written by
 * something other than KeyLedger). The message names the record and the field; a ledger record also
 * gives its {@link #sequence()}, so that verification can name it and go on with the next.
 */
public class UnreadableRecordException extends RuntimeException {

    private final String tenant;
    private final OptionalLong sequence;
    private final long resumeAfter;

    /**
     * @param record  what the record is, e.g. "ledger record 5" or "key record aws:..."
     * @param field   the column or attribute at fault
     * @param problem what is wrong with it
     */
    public UnreadableRecordException(String tenant, String record, OptionalLong sequence, String field, String problem) {
        this(record + " of tenant " + tenant + ": field '" + field + "': " + problem, tenant, sequence,
                sequence.orElse(0));
    }

    /**
     * A run of ledger records from {@code sequence} to {@code resumeAfter} that cannot be read (an archived
     * segment that is missing or altered); reading can go on after {@code resumeAfter}.
     */
    protected UnreadableRecordException(String message, String tenant, OptionalLong sequence, long resumeAfter) {
        super(message);
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.sequence = Objects.requireNonNull(sequence, "sequence");
        this.resumeAfter = resumeAfter;
    }

    /** A ledger record that cannot be read. */
    public static UnreadableRecordException ledger(String tenant, long sequence, String field, String problem) {
        return new UnreadableRecordException(tenant, "ledger record " + sequence, OptionalLong.of(sequence), field,
                problem);
    }

    public String tenant() {
        return tenant;
    }

    /** The sequence of the ledger record at fault, when it is one. */
    public OptionalLong sequence() {
        return sequence;
    }

    /** The last sequence the failure covers: reading can go on after it. */
    public long resumeAfter() {
        return resumeAfter;
    }
}
