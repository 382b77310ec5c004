package io.keyledger.gcp.firestore;

import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PurgedRuns;
import io.keyledger.core.store.RetentionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Retention: a tenant's retention policy ({@code settings/retentionPolicy}) and legal holds (one document each in
 * {@code legalHolds}), and the expiry of the event, ledger and key record documents, which it recomputes and
 * purges through their own parts.
 */
final class RetentionDocs implements RetentionStore {

    private static final String BODY = "body";
    private static final String KEY_ID = "keyId";

    private final FirestoreCalls calls;
    private final Layout layout;
    private final TenantDocs tenants;
    private final EventDocs events;
    private final LedgerDocs ledger;
    private final KeyRecordDocs keyRecords;

    RetentionDocs(FirestoreCalls calls, TenantDocs tenants, EventDocs events, LedgerDocs ledger,
                  KeyRecordDocs keyRecords) {
        this.calls = calls;
        this.layout = calls.layout();
        this.tenants = tenants;
        this.events = events;
        this.ledger = ledger;
        this.keyRecords = keyRecords;
    }

    @Override
    public RetentionPolicy retentionPolicy(String tenant) {
        return calls.get(layout.retentionPolicy(tenant), "read the retention policy of " + tenant)
                .map(doc -> Json.read(Fields.body(doc, BODY), RetentionPolicy.class))
                .orElse(RetentionPolicy.DEFAULT);
    }

    @Override
    public void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        tenants.writing(tenant);
        Objects.requireNonNull(policy, "policy");
        Map<String, Object> fields = new HashMap<>();
        Fields.putBody(fields, BODY, Json.write(policy));
        calls.commit(Writes.of().set(layout.retentionPolicy(tenant), fields), "write the retention policy of " + tenant);
    }

    @Override
    public List<LegalHold> legalHolds(String tenant) {
        return calls.query(layout.collection(tenant, Layout.LEGAL_HOLDS), "read the legal holds of " + tenant).stream()
                .map(doc -> Json.read(Fields.body(doc, BODY), LegalHold.class)).toList();
    }

    @Override
    public void putLegalHold(LegalHold hold) {
        tenants.writing(hold.tenant());
        Map<String, Object> fields = new HashMap<>();
        fields.put(KEY_ID, hold.keyId().orElse(null));
        Fields.putBody(fields, BODY, Json.write(hold));
        calls.commit(Writes.of().set(layout.legalHold(hold.tenant(), hold.keyId()), fields),
                "place a legal hold on " + hold.keyId().orElse("tenant " + hold.tenant()));
    }

    /** Reads, then deletes: of two lifting the same hold at once, both may say they lifted it, and it is gone. */
    @Override
    public boolean removeLegalHold(String tenant, Optional<String> keyId) {
        String what = "lift the legal hold on " + keyId.orElse("tenant " + tenant);
        var ref = layout.legalHold(tenant, keyId);
        if (calls.get(ref, what).isEmpty()) {
            return false;
        }
        calls.commit(Writes.of().delete(ref), what);
        return true;
    }

    /**
     * Rewrites the expiry of the events and ledger records in batched commits, and of key records one
     * conditional commit each. Do not run it while a purge of the same tenant runs: a rewrite of a record the
     * purge just removed would bring it back.
     */
    @Override
    public void restampExpiries(String tenant, Optional<String> keyId, ExpiryRules rules) {
        Objects.requireNonNull(rules, "rules");
        events.restamp(tenant, keyId, rules);
        ledger.restamp(tenant, keyId, rules);
        keyRecords.restamp(tenant, keyId, rules);
    }

    @Override
    public PurgeResult purgeExpired(String tenant, Instant now) {
        int purgedEvents = events.purge(tenant, now);
        List<LedgerRecord> removed = ledger.purge(tenant, now);
        int assets = keyRecords.purge(tenant, now);
        return new PurgeResult(purgedEvents, removed.size(), assets, PurgedRuns.of(removed));
    }
}
