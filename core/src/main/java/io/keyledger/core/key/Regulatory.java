package io.keyledger.core.key;

import java.util.Optional;

/**
 * Regulatory attributes of a key. Legal holds are kept apart (see the retention package), since they
 * also cover history and ledger records.
 */
public record Regulatory(Optional<String> classification, Optional<String> jurisdiction,
                         Optional<String> retentionClass, Optional<String> changeReference) {

    public static final Regulatory NONE = new Regulatory(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public Regulatory withClassification(Optional<String> v) {
        return new Regulatory(v, jurisdiction, retentionClass, changeReference);
    }

    public Regulatory withJurisdiction(Optional<String> v) {
        return new Regulatory(classification, v, retentionClass, changeReference);
    }

    public Regulatory withRetentionClass(Optional<String> v) {
        return new Regulatory(classification, jurisdiction, v, changeReference);
    }

    public Regulatory withChangeReference(Optional<String> v) {
        return new Regulatory(classification, jurisdiction, retentionClass, v);
    }
}
