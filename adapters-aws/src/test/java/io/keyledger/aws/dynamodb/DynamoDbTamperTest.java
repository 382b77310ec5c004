package io.keyledger.aws.dynamodb;

import static io.keyledger.aws.dynamodb.Attributes.s;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.ledger.LedgerTamperContract;
import io.keyledger.testkit.ledger.StoreTamper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tamper suite on a DynamoDB table (dynalite), as someone with the ingest role's credentials would
 * tamper: PutItem, UpdateItem and DeleteItem on the items themselves, no condition, no KeyLedger code.
 */
class DynamoDbTamperTest extends LedgerTamperContract {

    private static LocalDynamo dynamo;
    private String table;

    @BeforeAll
    static void startDynalite() {
        dynamo = LocalDynamo.start();
    }

    @AfterAll
    static void stopDynalite() {
        dynamo.close();
    }

    @Override
    protected InventoryStore createStore(MutableClock clock, Path dir) {
        table = dynamo.newTable();
        return DynamoDbInventoryStore.create(dynamo.client(), table, clock);
    }

    @Override
    protected StoreTamper tamper() {
        return new ItemTamper(dynamo.client(), table);
    }

    /** Raw item writes on the table. */
    static final class ItemTamper implements StoreTamper {
        /** The store's default: records are deleted by time to live 30 days after their expiry. */
        private static final Duration LEDGER_TTL_GRACE = Duration.ofDays(30);

        private final DynamoDbClient client;
        private final String table;

        ItemTamper(DynamoDbClient client, String table) {
            this.client = client;
            this.table = table;
        }

        private void put(Map<String, AttributeValue> item) {
            client.putItem(b -> b.tableName(table).item(item));
        }

        private Map<String, AttributeValue> get(String pk, String sk) {
            return new HashMap<>(client.getItem(b -> b.tableName(table).key(Keys.item(pk, sk)).consistentRead(true))
                    .item());
        }

        private void delete(String pk, String sk) {
            client.deleteItem(b -> b.tableName(table).key(Keys.item(pk, sk)));
        }

        /** The three items of an event: its marker, its place in the key's history, and its day. */
        private List<Map<String, AttributeValue>> eventItems(String tenant, String keyId, String dedupKey) {
            Map<String, AttributeValue> history = get(Keys.keyPartition(tenant, keyId), Keys.history(dedupKey));
            String time = history.get("eventTime").s();
            return List.of(get(Keys.eventMarker(tenant, dedupKey), Keys.EVENT_MARKER), history,
                    get(Keys.day(tenant, time.substring(0, 10)), time + "#" + dedupKey));
        }

        @Override
        public void writeLedgerRecord(LedgerRecord r) {
            put(LedgerItems.encode(r, LEDGER_TTL_GRACE));
        }

        @Override
        public void deleteLedgerRecords(String tenant, long from, long to) {
            for (long s = from; s <= to; s++) {
                delete(Keys.ledger(tenant), Keys.ledgerRecord(s));
            }
        }

        @Override
        public void setLedgerHead(String tenant, LedgerHead head) {
            Map<String, AttributeValue> item = Keys.item(Keys.ledger(tenant), Keys.LEDGER_HEAD);
            item.put("type", s("LEDGER_HEAD"));
            item.put("sequence", Attributes.n(head.sequence()));
            item.put("hash", s(head.hash()));
            put(item);
        }

        @Override
        public void deleteLedgerHead(String tenant) {
            delete(Keys.ledger(tenant), Keys.LEDGER_HEAD);
        }

        @Override
        public void writeEvent(StoredEvent e) {
            put(EventItems.marker(e));
            put(EventItems.history(e));
            put(EventItems.day(e));
        }

        @Override
        public void deleteEvent(String tenant, String keyId, String dedupKey) {
            for (Map<String, AttributeValue> item : eventItems(tenant, keyId, dedupKey)) {
                delete(item.get(Keys.PK).s(), item.get(Keys.SK).s());
            }
        }

        @Override
        public void writeAsset(String tenant, CryptoAsset asset) {
            Map<String, AttributeValue> stored = get(Keys.keyRecords(tenant), asset.id());
            put(KeyRecordItems.encode(tenant, asset, Long.parseLong(stored.get("revision").n())));
        }

        @Override
        public void deleteLegalHold(String tenant, Optional<String> keyId) {
            delete(Keys.settings(tenant), Keys.HOLD_PREFIX + keyId.orElse(""));
        }

        @Override
        public void setLedgerExpiry(String tenant, long sequence, Optional<Instant> expiry) {
            Map<String, AttributeValue> item = get(Keys.ledger(tenant), Keys.ledgerRecord(sequence));
            Attributes.putExpiry(item, expiry, LEDGER_TTL_GRACE);
            put(item);
        }

        @Override
        public void setEventExpiry(String tenant, String keyId, String dedupKey, Optional<Instant> expiry) {
            for (Map<String, AttributeValue> item : eventItems(tenant, keyId, dedupKey)) {
                Map<String, AttributeValue> changed = new HashMap<>(item);
                Attributes.putExpiry(changed, expiry, Duration.ZERO);
                put(changed);
            }
        }

        @Override
        public void corruptRecordedAt(String tenant, long sequence, String text) {
            Map<String, AttributeValue> item = get(Keys.ledger(tenant), Keys.ledgerRecord(sequence));
            item.put("recordedAt", s(text));
            put(item);
        }

        @Override
        public void corruptEventExpiry(String tenant, String keyId, String dedupKey, String text) {
            for (Map<String, AttributeValue> item : eventItems(tenant, keyId, dedupKey)) {
                Map<String, AttributeValue> changed = new HashMap<>(item);
                changed.put(Attributes.EXPIRY, s(text));
                put(changed);
            }
        }
    }
}
