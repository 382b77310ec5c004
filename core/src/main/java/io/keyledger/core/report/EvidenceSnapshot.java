package io.keyledger.core.report;

import io.keyledger.core.json.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The verdicts of one evidence report as they were recorded in the tenant's ledger: what the page's
 * "verdicts over time" chart draws.
 *
 * @param generatedAt when the evidence was gathered
 * @param verdicts    each guideline's verdict by guideline id, in the report's order
 */
public record EvidenceSnapshot(Instant generatedAt, Verdict overall, Map<String, Verdict> verdicts) {

    public EvidenceSnapshot {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(overall, "overall");
        verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
    }

    public static EvidenceSnapshot of(Evidence e) {
        Map<String, Verdict> v = new LinkedHashMap<>();
        e.guidelines().forEach(g -> v.put(g.id(), g.verdict()));
        return new EvidenceSnapshot(e.generatedAt(), e.overall(), v);
    }

    /** Whether both give every guideline the same verdict. */
    public boolean sameVerdicts(EvidenceSnapshot other) {
        return overall == other.overall && verdicts.equals(other.verdicts);
    }

    /** The ledger payload: {@code {"generatedAt": ..., "overall": ..., "verdicts": {"CEK-21.1": "MET", ...}}}. */
    String payload() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generatedAt", generatedAt.toString());
        body.put("overall", overall.name());
        Map<String, String> v = new LinkedHashMap<>();
        verdicts.forEach((id, verdict) -> v.put(id, verdict.name()));
        body.put("verdicts", v);
        return Json.write(body);
    }

    /** A payload read back; empty when it is not one (an altered record, which verification names). */
    static Optional<EvidenceSnapshot> fromPayload(String payload) {
        try {
            JsonNode root = Json.mapper().readTree(payload);
            Map<String, Verdict> v = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("verdicts").properties()) {
                v.put(e.getKey(), Verdict.valueOf(e.getValue().asString()));
            }
            return Optional.of(new EvidenceSnapshot(Instant.parse(root.path("generatedAt").asString()),
                    Verdict.valueOf(root.path("overall").asString()), v));
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
