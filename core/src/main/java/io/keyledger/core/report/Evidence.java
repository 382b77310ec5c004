package io.keyledger.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The CEK-21 evidence of one tenant at one instant: a verdict per auditing guideline, with its figures,
 * and what the page draws of them.
 */
public record Evidence(String tenant, Instant generatedAt, EvidenceThresholds thresholds, List<Guideline> guidelines,
                       EvidenceCharts charts) {

    public static final String CONTROL = "CSA AICM / CCM v4 CEK-21 Key Inventory Management";
    public static final String SPECIFICATION = "Define, implement and evaluate processes, procedures and technical "
            + "measures in order for the key management system to track and report all cryptographic materials "
            + "and changes in status, which include provisions for legal and regulatory requirements.";
    public static final String MAPPINGS = "ISO/IEC 27001 A.8.24, A.12.4.1; ISO/IEC 27002 8.24, 12.4.1; BSI C5 CRY-04";

    public Evidence {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(thresholds, "thresholds");
        guidelines = List.copyOf(guidelines);
        Objects.requireNonNull(charts, "charts");
    }

    /** Evidence without charts. */
    public Evidence(String tenant, Instant generatedAt, EvidenceThresholds thresholds, List<Guideline> guidelines) {
        this(tenant, generatedAt, thresholds, guidelines, EvidenceCharts.NONE);
    }

    Evidence withCharts(EvidenceCharts c) {
        return new Evidence(tenant, generatedAt, thresholds, guidelines, c);
    }

    /** The worst verdict of all guidelines. */
    public Verdict overall() {
        return guidelines.stream().map(Guideline::verdict).reduce(Verdict.MET, Verdict::and);
    }

    public Guideline guideline(String id) {
        return guidelines.stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no guideline " + id));
    }
}
