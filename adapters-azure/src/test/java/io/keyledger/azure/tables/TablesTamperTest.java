package io.keyledger.azure.tables;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.ledger.LedgerTamperContract;
import io.keyledger.testkit.ledger.StoreTamper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tamper suite on Azure Tables (Azurite), as someone holding the app's table data role would tamper: upserts
 * and deletes of the entities themselves, no ETag, no KeyLedger code.
 */
class TablesTamperTest extends LedgerTamperContract {

    @RegisterExtension
    static final LocalTables tables = LocalTables.perClass();
    private TableClient table;

    @Override
    protected InventoryStore createStore(MutableClock clock, Path dir) {
        InventoryTables named = tables.newTables();
        table = tables.client().getTableClient(named.inventory());
        return TablesInventoryStore.builder(tables.client(), named).clock(clock)
                .retention(TablesRetention.STORAGE_PURGE).build();
    }

    @Override
    protected StoreTamper tamper() {
        return new EntityTamper(table, clock);
    }

    /** Raw entity writes on the inventory's table. */
    static final class EntityTamper implements StoreTamper {
        private final TableClient table;
        private final Clock clock;

        EntityTamper(TableClient table, Clock clock) {
            this.table = table;
            this.clock = clock;
        }

        private void put(TableEntity e) {
            table.upsertEntityWithResponse(e, TableEntityUpdateMode.REPLACE, null, null);
        }

        /** The stored entity's own properties, without the service's (keys, timestamp, ETag). */
        private TableEntity get(String partition, String row) {
            TableEntity stored = table.getEntity(partition, row);
            TableEntity copy = new TableEntity(partition, row);
            for (Map.Entry<String, Object> p : stored.getProperties().entrySet()) {
                String name = p.getKey();
                if (!name.equals("PartitionKey") && !name.equals("RowKey") && !name.equals("Timestamp")
                        && !name.startsWith("odata.")) {
                    copy.addProperty(name, p.getValue());
                }
            }
            return copy;
        }

        private void expire(TableEntity e, Optional<Instant> expiry) {
            Entities.putExpiry(e, expiry, TablesRetention.STORAGE_PURGE, clock.instant(), Duration.ZERO);
        }

        /** The three entities of an event: its marker, its place in the key's history, and its day. */
        private List<TableEntity> eventEntities(String tenant, String keyId, String dedupKey) {
            TableEntity history = get(Keys.keyPartition(tenant, keyId), Keys.history(dedupKey));
            String timeKey = (String) history.getProperty("eventTime");
            return List.of(get(Keys.eventMarker(tenant, dedupKey), Keys.EVENT_MARKER), history,
                    get(Keys.day(tenant, timeKey.substring(0, 10)), Keys.dayRow(timeKey, dedupKey)));
        }

        @Override
        public void writeLedgerRecord(LedgerRecord r) {
            TableEntity e = Entities.entity(Keys.ledger(r.tenant()), Keys.ledgerRecord(r.sequence()), "LEDGER_RECORD");
            e.addProperty("sequence", r.sequence());
            e.addProperty("recordedAt", r.recordedAt().toString());
            e.addProperty("entryType", r.type().name());
            r.keyId().ifPresent(k -> e.addProperty("keyId", k));
            Entities.putBody(e, "payload", r.payload());
            e.addProperty("previousHash", r.previousHash());
            e.addProperty("hash", r.hash());
            expire(e, r.expiresAt());
            put(e);
        }

        @Override
        public void deleteLedgerRecords(String tenant, long from, long to) {
            for (long s = from; s <= to; s++) {
                table.deleteEntity(Keys.ledger(tenant), Keys.ledgerRecord(s));
            }
        }

        @Override
        public void setLedgerHead(String tenant, LedgerHead head) {
            TableEntity e = Entities.entity(Keys.ledger(tenant), Keys.LEDGER_HEAD, "LEDGER_HEAD");
            e.addProperty("sequence", head.sequence());
            e.addProperty("hash", head.hash());
            put(e);
        }

        @Override
        public void deleteLedgerHead(String tenant) {
            table.deleteEntity(Keys.ledger(tenant), Keys.LEDGER_HEAD);
        }

        @Override
        public void writeEvent(StoredEvent stored) {
            String dedup = stored.event().dedupKey();
            String timeKey = Entities.timeKey(stored.event().eventTime(), "event time");
            for (TableEntity e : eventEntities(stored.tenant(), stored.keyId(), dedup)) {
                e.addProperty("eventTime", timeKey);
                e.addProperty("receivedAt", stored.receivedAt().toString());
                if (!e.getRowKey().equals(Keys.EVENT_MARKER)) {
                    e.getProperties().remove("bodyGz");
                    Entities.putBody(e, "body", Json.write(stored.event()));
                }
                expire(e, stored.expiresAt());
                put(e);
            }
        }

        @Override
        public void deleteEvent(String tenant, String keyId, String dedupKey) {
            for (TableEntity e : eventEntities(tenant, keyId, dedupKey)) {
                table.deleteEntity(e.getPartitionKey(), e.getRowKey());
            }
        }

        @Override
        public void writeAsset(String tenant, CryptoAsset asset) {
            TableEntity e = get(Keys.keyRecords(tenant), Keys.keyRow(asset.id()));
            e.addProperty("state", asset.state().name());
            e.getProperties().remove("bodyGz");
            Entities.putBody(e, "body", Json.write(asset));
            put(e);
        }

        @Override
        public void deleteLegalHold(String tenant, Optional<String> keyId) {
            table.deleteEntity(Keys.settings(tenant), Keys.hold(keyId));
        }

        @Override
        public void setLedgerExpiry(String tenant, long sequence, Optional<Instant> expiry) {
            TableEntity e = get(Keys.ledger(tenant), Keys.ledgerRecord(sequence));
            expire(e, expiry);
            put(e);
        }

        @Override
        public void setEventExpiry(String tenant, String keyId, String dedupKey, Optional<Instant> expiry) {
            for (TableEntity e : eventEntities(tenant, keyId, dedupKey)) {
                expire(e, expiry);
                put(e);
            }
        }

        @Override
        public void corruptRecordedAt(String tenant, long sequence, String text) {
            TableEntity e = get(Keys.ledger(tenant), Keys.ledgerRecord(sequence));
            e.addProperty("recordedAt", text);
            put(e);
        }

        @Override
        public void corruptEventExpiry(String tenant, String keyId, String dedupKey, String text) {
            for (TableEntity e : eventEntities(tenant, keyId, dedupKey)) {
                e.addProperty(Entities.EXPIRY, text);
                put(e);
            }
        }
    }
}
