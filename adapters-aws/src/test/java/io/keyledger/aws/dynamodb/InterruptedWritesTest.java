package io.keyledger.aws.dynamodb;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.Action;
import io.keyledger.core.ledger.LedgerConflictException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.aws.FaultyHttpClient;
import io.keyledger.testkit.aws.FaultyHttpClient.Fault;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A writer that dies between the two writes of an event insert or of a ledger append (played here by
 * a call that fails for good) leaves nothing that the next writer or reader does not complete.
 */
class InterruptedWritesTest {

    private static final String ACME = "acme";
    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final FaultyHttpClient http = new FaultyHttpClient(DynamoDbClients.httpClient());
    private final String table = dynamo.newTable();
    private final DynamoDbInventoryStore store = DynamoDbInventoryStore.create(dynamo.testClient(http), table, clock);

    @Test
    void anEventWhoseInsertStoppedAfterItsMarkerIsCompletedByTheRedelivery() {
        var e = event("evt-1", T0, Action.DISABLE, awsKey("k1"));
        StoredEvent first = new StoredEvent(ACME, e, Instant.parse("2026-03-01T00:00:00Z"), Optional.empty());
        http.plan(Fault.on("BatchWriteItem", 400, "ValidationException"));

        assertThatThrownBy(() -> store.insertEvent(first)).isInstanceOf(DynamoDbStoreException.class)
                .hasMessageContaining("BatchWriteItem");
        assertThat(store.eventsForKey(ACME, e.key().id())).isEmpty();

        StoredEvent redelivered = new StoredEvent(ACME, e, Instant.parse("2026-03-01T00:05:00Z"), Optional.empty());
        assertThat(store.insertEvent(redelivered)).as("already accepted: a duplicate").isFalse();

        assertThat(store.eventsForKey(ACME, e.key().id())).containsExactly(first);
        assertThat(store.recentEvents(ACME, T0, T0.plusSeconds(1))).containsExactly(first);
        assertThat(store.insertEvent(redelivered)).isFalse();
    }

    @Test
    void aLedgerRecordWhoseHeadWasNotMovedStillCountsAndTheNextReaderMovesTheHead() {
        LedgerRecord first = LedgerRecord.chain(ACME, 1, clock.instant(), LedgerEntryType.EVENT_ACCEPTED,
                Optional.empty(), "{}", LedgerHash.GENESIS, Optional.empty());
        http.plan(Fault.on("UpdateItem", 400, "ValidationException"));

        assertThatThrownBy(() -> store.appendLedger(first)).isInstanceOf(DynamoDbStoreException.class)
                .hasMessageContaining("UpdateItem").hasMessageContaining("move the ledger head");
        assertThat(headItem()).as("the head item was not written").isEmpty();

        assertThat(store.ledgerHead(ACME)).isEqualTo(new LedgerHead(1, first.hash()));
        assertThat(headItem()).get().satisfies(h -> assertThat(h.get("sequence").n()).isEqualTo("1"));

        LedgerRecord again = LedgerRecord.chain(ACME, 1, clock.instant(), LedgerEntryType.EVENT_ACCEPTED,
                Optional.empty(), "{\"other\":true}", LedgerHash.GENESIS, Optional.empty());
        assertThatThrownBy(() -> store.appendLedger(again))
                .isInstanceOf(LedgerConflictException.class);
        LedgerRecord second = LedgerRecord.chain(ACME, 2, clock.instant(), LedgerEntryType.EVENT_ACCEPTED,
                Optional.empty(), "{}", first.hash(), Optional.empty());
        store.appendLedger(second);
        assertThat(new LedgerVerifier(store).verify(ACME).intact()).isTrue();
    }

    private Optional<Map<String, AttributeValue>> headItem() {
        var r = dynamo.client().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Keys.item(Keys.ledger(ACME), Keys.LEDGER_HEAD)));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
    }
}
