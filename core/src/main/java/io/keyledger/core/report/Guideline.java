package io.keyledger.core.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One auditing guideline of the control, with the live figures that bear on it and the verdict they
 * give.
 *
 * @param id            "CEK-21.1" to "CEK-21.10", then "CCM" for the CCM lifecycle and traceability line
 * @param auditorChecks what the auditor verifies, in the control's words (shortened)
 * @param implementedBy which part of KeyLedger implements it
 * @param figures       named figures, in order: counts, shares (0 to 1), instants, or maps of those
 * @param reason        why the figures give the verdict, naming the threshold
 */
public record Guideline(String id, String auditorChecks, String implementedBy, Map<String, Object> figures,
                        Verdict verdict, String reason) {

    public Guideline {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(auditorChecks, "auditorChecks");
        Objects.requireNonNull(implementedBy, "implementedBy");
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
