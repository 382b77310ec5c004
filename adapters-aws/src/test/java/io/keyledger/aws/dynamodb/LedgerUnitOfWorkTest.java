package io.keyledger.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.testkit.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * In a unit of work the ledger head moves once per tenant, at the unit's end, and appends after the first do not
 * read the head; readers in between see the last record, and a unit that fails still moves the head.
 */
class LedgerUnitOfWorkTest {

    private static final String ACME = "acme";
    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final DynamoDbRequestCounter counter = new DynamoDbRequestCounter();
    private final String table = dynamo.newTable();
    private final DynamoDbInventoryStore store = DynamoDbInventoryStore.create(dynamo.testClient(counter), table, clock);

    private List<LedgerRecord> chain(int n, LedgerHead from) {
        List<LedgerRecord> out = new ArrayList<>();
        String previous = from.hash();
        for (int i = 1; i <= n; i++) {
            LedgerRecord r = LedgerRecord.chain(ACME, from.sequence() + i, clock.instant(), LedgerEntryType.EVENT_ACCEPTED,
                    Optional.of("k" + i), "{\"n\":" + i + "}", previous, Optional.empty());
            out.add(r);
            previous = r.hash();
        }
        return out;
    }

    @Test
    void theHeadMovesOnceAtTheEndOfTheUnitAndAppendsAfterTheFirstReadNothing() {
        store.appendLedger(chain(1, LedgerHead.EMPTY).get(0));
        LedgerHead start = store.ledgerHead(ACME);
        List<LedgerRecord> records = chain(5, start);
        DynamoDbRequestCounter.Snapshot before = counter.snapshot();

        store.inUnitOfWork(() -> {
            records.forEach(store::appendLedger);
            assertThat(headItem().get("sequence").n()).as("not moved yet").isEqualTo("1");
            assertThat(store.ledgerHead(ACME)).as("readers take the last record")
                    .isEqualTo(new LedgerHead(6, records.get(4).hash()));
            return null;
        });

        DynamoDbRequestCounter.Snapshot used = counter.snapshot().minus(before);
        assertThat(used.requests("PutItem")).isEqualTo(5);
        assertThat(used.requests("UpdateItem")).as("one head move for five records").isEqualTo(1);
        assertThat(used.requests("Query")).as("the head read by the first append, and the reader's").isEqualTo(2);
        assertThat(headItem().get("sequence").n()).isEqualTo("6");
        assertThat(new LedgerVerifier(store).verify(ACME).intact()).isTrue();
    }

    @Test
    void aUnitThatFailsKeepsWhatItAppendedAndStillMovesTheHead() {
        List<LedgerRecord> records = chain(3, LedgerHead.EMPTY);

        assertThatThrownBy(() -> store.inUnitOfWork(() -> {
            records.forEach(store::appendLedger);
            throw new IllegalStateException("the work failed");
        })).hasMessage("the work failed");

        assertThat(headItem().get("sequence").n()).isEqualTo("3");
        assertThat(store.ledgerHead(ACME)).isEqualTo(new LedgerHead(3, records.get(2).hash()));
    }

    @Test
    void anAppendNotChainedOnTheUnitsLastRecordIsAConflictAndTheNextReadFindsTheHead() {
        List<LedgerRecord> records = chain(2, LedgerHead.EMPTY);
        LedgerRecord forked = LedgerRecord.chain(ACME, 2, clock.instant(), LedgerEntryType.EVENT_ACCEPTED,
                Optional.empty(), "{}", LedgerHash.GENESIS, Optional.empty());

        store.inUnitOfWork(() -> {
            store.appendLedger(records.get(0));
            assertThatThrownBy(() -> store.appendLedger(forked)).isInstanceOf(LedgerConflictException.class);
            assertThat(store.ledgerHead(ACME)).isEqualTo(new LedgerHead(1, records.get(0).hash()));
            store.appendLedger(records.get(1));
            return null;
        });

        assertThat(headItem().get("sequence").n()).isEqualTo("2");
        assertThat(new LedgerVerifier(store).verify(ACME).intact()).isTrue();
    }

    private Map<String, AttributeValue> headItem() {
        var r = dynamo.client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Keys.item(Keys.ledger(ACME), Keys.LEDGER_HEAD)));
        return r.item();
    }
}
