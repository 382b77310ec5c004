package io.keyledger.local.sqlite;

import static io.keyledger.local.sqlite.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every record comes back equal to what was stored, to the nanosecond. */
class SqliteRoundTripTest {

    @TempDir
    Path dir;

    private SqliteInventoryStore store;

    @BeforeEach
    void open() {
        store = SqliteInventoryStore.open(dir.resolve("keyledger.db"), new MutableClock(T0));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFullKeyRecord() {
        CryptoAsset asset = TestRecords.fullAsset("t1", "projects/p/locations/l/keyRings/r/cryptoKeys/k");

        store.putAsset("t1", asset, 0);

        assertThat(store.asset("t1", asset.id()).orElseThrow().value()).isEqualTo(asset);
        assertThat(store.assets("t1", AssetQuery.ALL, PageRequest.first(10)).items()).containsExactly(asset);
    }

    @Test
    void aFullEventWithAFailedOutcome() {
        Instant eventTime = Instant.parse("2026-02-28T23:59:59.999999999Z");
        StoredEvent event = TestRecords.stored("t1", TestRecords.fullEvent(TestRecords.ref("k1"), "e1", eventTime),
                Optional.of(Instant.parse("2033-02-28T23:59:59.000000001Z")));

        store.insertEvent(event);

        assertThat(store.eventsForKey("t1", event.keyId())).containsExactly(event);
    }

    @Test
    void ledgerRecordsKeepTheirHashableContent() {
        LedgerRecord first = TestRecords.ledgerRecord("t1", LedgerHead.EMPTY, Instant.parse("2026-03-01T10:00:00.000000100Z"),
                Optional.empty(), Optional.empty());
        LedgerRecord second = TestRecords.ledgerRecord("t1", new LedgerHead(1, first.hash()), T0.plusNanos(1),
                Optional.of("aws:k1"), Optional.of(Instant.parse("2033-03-01T10:00:00.5Z")));

        store.appendLedger(first);
        store.appendLedger(second);

        assertThat(store.ledger("t1", 1, Optional.empty(), false, PageRequest.first(10)).items())
                .containsExactly(first, second)
                .allMatch(LedgerRecord::hashMatchesContent);
    }

    @Test
    void retentionPoliciesAndLegalHolds() {
        RetentionPolicy policy = new RetentionPolicy(Period.of(1, 2, 3), Period.ofMonths(18), Period.ofDays(30));
        LegalHold tenantWide = new LegalHold("t1", Optional.empty(), "litigation", "carol", T0.plusNanos(3));
        LegalHold onKey = new LegalHold("t1", Optional.of("aws:k1"), "audit", "dave", T0);

        store.putRetentionPolicy("t1", policy);
        store.putLegalHold(onKey);
        store.putLegalHold(tenantWide);

        assertThat(store.retentionPolicy("t1")).isEqualTo(policy);
        assertThat(store.retentionPolicy("t2")).isEqualTo(RetentionPolicy.DEFAULT);
        assertThat(store.legalHolds("t1")).containsExactly(tenantWide, onKey);
    }
}
