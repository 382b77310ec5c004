package io.keyledger.core.ledger;

import io.keyledger.core.json.Json;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.PurgedRun;
import java.util.List;

/**
 * Payload of a {@link LedgerEntryType#RETENTION_PURGED} record: which ledger runs a purge removed and
 * how many events and key records went with them.
 */
public record PurgeAttestation(List<PurgedRun> runs, int events, int ledgerRecords, int assets) {

    public PurgeAttestation {
        runs = List.copyOf(runs);
    }

    public static PurgeAttestation of(PurgeResult result) {
        return new PurgeAttestation(result.ledgerRuns(), result.events(), result.ledgerRecords(), result.assets());
    }

    public String toJson() {
        return Json.write(this);
    }

    public static PurgeAttestation fromJson(String payload) {
        return Json.read(payload, PurgeAttestation.class);
    }
}
