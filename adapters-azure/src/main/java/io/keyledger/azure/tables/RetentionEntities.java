package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PurgedRuns;
import io.keyledger.core.store.RetentionStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Retention: a tenant's retention policy and legal holds (entities in its settings partition), and the
 * expiry of the event, ledger and key record entities, which it recomputes and purges through their own
 * parts. Entities under legal hold carry neither {@code expiry} nor {@code ttl}: neither the purge nor
 * Cosmos DB's time to live ever removes them.
 */
final class RetentionEntities implements RetentionStore {

    private static final String BODY = "body";

    private final TableCalls calls;
    private final TenantEntities tenants;
    private final EventEntities events;
    private final LedgerEntities ledger;
    private final KeyRecordEntities keyRecords;

    RetentionEntities(TableCalls calls, TenantEntities tenants, EventEntities events, LedgerEntities ledger,
                      KeyRecordEntities keyRecords) {
        this.calls = calls;
        this.tenants = tenants;
        this.events = events;
        this.ledger = ledger;
        this.keyRecords = keyRecords;
    }

    @Override
    public RetentionPolicy retentionPolicy(String tenant) {
        return calls.get(Keys.settings(tenant), Keys.RETENTION, "read the retention policy of " + tenant)
                .map(e -> Json.read(Entities.body(e, BODY), RetentionPolicy.class))
                .orElse(RetentionPolicy.DEFAULT);
    }

    @Override
    public void putRetentionPolicy(String tenant, RetentionPolicy policy) {
        tenants.writing(tenant);
        Objects.requireNonNull(policy, "policy");
        TableEntity e = Entities.entity(Keys.settings(tenant), Keys.RETENTION, "RETENTION_POLICY");
        Entities.putBody(e, BODY, Json.write(policy));
        calls.upsert(e, "write the retention policy of " + tenant);
    }

    @Override
    public List<LegalHold> legalHolds(String tenant) {
        String filter = "PartitionKey eq " + Keys.literal(Keys.settings(tenant)) + " and RowKey ge "
                + Keys.literal(Keys.HOLD_PREFIX) + " and RowKey lt " + Keys.literal(EventEntities.afterPrefix(Keys.HOLD_PREFIX));
        return calls.queryAll(filter, "read the legal holds of " + tenant).stream()
                .map(e -> Json.read(Entities.body(e, BODY), LegalHold.class)).toList();
    }

    @Override
    public void putLegalHold(LegalHold hold) {
        tenants.writing(hold.tenant());
        TableEntity e = Entities.entity(Keys.settings(hold.tenant()), Keys.hold(hold.keyId()), "LEGAL_HOLD");
        Entities.putBody(e, BODY, Json.write(hold));
        calls.upsert(e, "place a legal hold on " + hold.keyId().orElse("tenant " + hold.tenant()));
    }

    @Override
    public boolean removeLegalHold(String tenant, Optional<String> keyId) {
        // The service answers a delete of an absent entity as done: read first to tell "none" from "lifted".
        String what = "lift the legal hold on " + keyId.orElse("tenant " + tenant);
        return calls.get(Keys.settings(tenant), Keys.hold(keyId), what)
                .map(e -> calls.delete(e.getPartitionKey(), e.getRowKey(), Optional.of(e.getETag()), what))
                .orElse(false);
    }

    /**
     * Rewrites the expiry of the events (three entities each) and ledger records in entity group
     * transactions, and of key records one conditional write each. Do not run it while a purge of the
     * same tenant runs: a rewrite of a record the purge just removed would bring it back.
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
