package io.keyledger.local.sqlite;

import static io.keyledger.local.sqlite.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.StaleRevisionException;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.store.UnreadableRecordException;
import io.keyledger.testkit.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases where SQL could easily differ from the Java semantics of the port. */
class SqliteEdgeCaseTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private SqliteInventoryStore store;

    @BeforeEach
    void open() {
        store = SqliteInventoryStore.open(dir.resolve("keyledger.db"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRecordExpiringThisVeryNanosecondIsGoneAndReplacedByANewKey() {
        KeyRef ref = TestRecords.ref("k1");
        CryptoAsset expiring = TestRecords.asset("t1", ref).toBuilder().retainedUntil(Optional.of(T0.plusNanos(1))).build();
        store.putAsset("t1", expiring, 0);
        store.putAsset("t1", expiring, 1);

        assertThatThrownBy(() -> store.putAsset("t1", expiring, 0)).isInstanceOf(StaleRevisionException.class);
        clock.set(T0.plusNanos(1));
        assertThat(store.asset("t1", ref.id())).isEmpty();
        assertThatThrownBy(() -> store.putAsset("t1", expiring, 2))
                .isInstanceOf(StaleRevisionException.class)
                .hasMessageContaining("revision 0");
        assertThat(store.putAsset("t1", TestRecords.asset("t1", ref), 0)).isEqualTo(1);
        assertThat(store.asset("t1", ref.id()).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void historyOrderIsJavasEvenWhereUtf8ByteOrderDiffers() {
        KeyRef ref = TestRecords.ref("k1");
        // U+FFFD sorts after U+1F600 as UTF-8 bytes, before it as UTF-16 units (String.compareTo).
        StoredEvent replacement = TestRecords.stored("t1", TestRecords.event(ref, "\uFFFD", T0), Optional.empty());
        StoredEvent emoji = TestRecords.stored("t1", TestRecords.event(ref, "\uD83D\uDE00", T0), Optional.empty());
        store.insertEvent(replacement);
        store.insertEvent(emoji);

        assertThat(store.eventsForKey("t1", ref.id())).containsExactly(emoji, replacement);
    }

    @Test
    void eventTimesCenturiesApartKeepTheirOrder() {
        KeyRef ref = TestRecords.ref("k1");
        StoredEvent ancient = TestRecords.stored("t1", TestRecords.event(ref, "b", Instant.parse("1601-01-01T00:00:00Z")),
                Optional.empty());
        StoredEvent recent = TestRecords.stored("t1", TestRecords.event(ref, "a", T0), Optional.empty());
        store.insertEvent(recent);
        store.insertEvent(ancient);

        assertThat(store.eventsForKey("t1", ref.id())).containsExactly(ancient, recent);
    }

    @Test
    void anEventWhoseStoredJsonIsDamagedIsReportedByTheReadOfSomeActionsToo() throws Exception {
        KeyRef ref = TestRecords.ref("k1");
        StoredEvent kept = TestRecords.stored("t1", TestRecords.event(ref, "a", T0), Optional.empty());
        StoredEvent damaged = TestRecords.stored("t1", TestRecords.event(ref, "b", T0.plusSeconds(1)), Optional.empty());
        store.insertEvent(kept);
        store.insertEvent(damaged);
        Set<Action> disables = EnumSet.of(Action.DISABLE);
        assertThat(store.recentEvents("t1", T0, T0.plusSeconds(60), disables)).containsExactly(kept, damaged);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("keyledger.db"));
             PreparedStatement s = c.prepareStatement("UPDATE events SET json = '{\"action\": \"DIS' WHERE event_id = 'b'")) {
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        // Not left out as "not one of the actions", whichever are asked for: unreadable, as every read of it says.
        assertThatThrownBy(() -> store.recentEvents("t1", T0, T0.plusSeconds(60), disables))
                .isInstanceOf(UnreadableRecordException.class);
        assertThatThrownBy(() -> store.recentEvents("t1", T0, T0.plusSeconds(60)))
                .isInstanceOf(UnreadableRecordException.class);
        assertThatThrownBy(() -> store.recentEvents("t1", T0, T0.plusSeconds(60), EnumSet.of(Action.DESTROY)))
                .isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void tenantsAreThoseWithRowsLeft() {
        store.putLegalHold(new LegalHold("t1", Optional.empty(), "litigation", "admin", T0));
        store.putRetentionPolicy("t2", RetentionPolicy.DEFAULT);
        assertThat(store.tenants()).containsExactly("t1", "t2");

        store.removeLegalHold("t1", Optional.empty());

        assertThat(store.tenants()).containsExactly("t2");
    }
}
