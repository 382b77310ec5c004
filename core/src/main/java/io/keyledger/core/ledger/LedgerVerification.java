package io.keyledger.core.ledger;

import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one tenant's ledger.
 *
 * @param recordsChecked records read, from both tiers
 * @param purgedRecords  records whose removal a purge attests
 * @param head           the head the store reports
 * @param breaks         what does not verify, in the order of the ledger (at most {@link #MAX_BREAKS})
 * @param checkpoints    the newest checkpoint and whether it verified
 * @param keysChecked    keys whose record and stored events were checked against the ledger
 * @param eventsChecked  stored events checked against the ledger
 * @param segments       archived segments read
 * @param retention      the retention rules as the ledger says they stand
 */
public record LedgerVerification(String tenant, long recordsChecked, long purgedRecords, LedgerHead head,
                                 List<LedgerBreak> breaks, Checkpoints checkpoints, long keysChecked,
                                 long eventsChecked, int segments, Retention retention) {

    /** How many findings are kept; verification goes on counting past them. */
    public static final int MAX_BREAKS = 100;

    /** Findings at a record in ledger order, then those at no record (the settings, a stored event never accepted). */
    static final Comparator<LedgerBreak> ORDER = Comparator
            .comparingLong((LedgerBreak b) -> b.sequence() == 0 ? Long.MAX_VALUE : b.sequence())
            .thenComparing(LedgerBreak::kind);

    public LedgerVerification {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(head, "head");
        breaks = breaks.stream().sorted(ORDER).limit(MAX_BREAKS).toList();
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(retention, "retention");
    }

    /** A verification of the hash chain alone. */
    public LedgerVerification(String tenant, long recordsChecked, long purgedRecords, LedgerHead head,
                              Optional<LedgerBreak> firstBreak) {
        this(tenant, recordsChecked, purgedRecords, head, firstBreak.stream().toList(), Checkpoints.NOT_CHECKED, 0, 0,
                0, Retention.UNKNOWN);
    }

    public boolean intact() {
        return breaks.isEmpty();
    }

    /** The first finding in ledger order. */
    public Optional<LedgerBreak> firstBreak() {
        return breaks.stream().findFirst();
    }

    /** What the signed checkpoints say. */
    public enum CheckpointState {
        /** The newest checkpoint verified with a trusted key, and the ledger reaches and matches it. */
        VERIFIED,
        /** A checkpoint is not signed by a trusted key, or the ledger contradicts it. */
        FAILED,
        /** No checkpoint has been signed yet. */
        NONE,
        /** No public key to verify with: the hash chain alone was checked. */
        NOT_CHECKED
    }

    /**
     * @param newest the newest checkpoint signed by a trusted key, from the store or the anchor
     * @param anchored whether the anchor outside the store holds it
     */
    public record Checkpoints(CheckpointState state, Optional<Checkpoint> newest, boolean anchored,
                              Optional<String> trustedKeys) {

        public static final Checkpoints NOT_CHECKED = new Checkpoints(CheckpointState.NOT_CHECKED, Optional.empty(),
                false, Optional.empty());

        /** How long ago the newest checkpoint was signed. */
        public Optional<Duration> age(Instant now) {
            return newest.map(c -> Duration.between(c.signedAt(), now));
        }
    }

    /**
     * @param known            whether these are the ledger's rules (a full verification) or not read
     * @param attestationsDue  keys whose record's last attestation has passed its retention: the purge
     *                         attests them again before it removes anything
     */
    public record Retention(boolean known, RetentionPolicy policy, List<LegalHold> holds,
                            List<String> attestationsDue) {

        public static final Retention UNKNOWN = new Retention(false, RetentionPolicy.DEFAULT, List.of(), List.of());

        public Retention {
            Objects.requireNonNull(policy, "policy");
            holds = List.copyOf(holds);
            attestationsDue = List.copyOf(attestationsDue);
        }
    }
}
