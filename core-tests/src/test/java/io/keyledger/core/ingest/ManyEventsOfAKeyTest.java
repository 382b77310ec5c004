package io.keyledger.core.ingest;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.EventStore;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.store.Versioned;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.CallsTo;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A key with more events than a run holds (IngestRun.MAX_KNOWN_EVENTS_PER_KEY) gets the record that folding all its
 * events gives, whatever the order they arrive in; and an event that arrives a little late, or in the same second as
 * the key's last one but ordered before it by its id, is folded in without the key's whole history read again.
 */
class ManyEventsOfAKeyTest {

    private static final String TENANT = "acme";
    private static final int EVENTS = 700;

    private final KeyRef key = awsKey("k-busy");
    private final List<KeyEvent> events = events(new Random(42));

    /** A key created, then tagged, disabled and enabled, two events a second, with random ids. */
    private List<KeyEvent> events(Random random) {
        List<KeyEvent> out = new ArrayList<>();
        out.add(event("e-create", T0, Action.CREATE, key, Map.of("kind", "SYMMETRIC")));
        for (int i = 1; i < EVENTS; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            java.time.Instant at = T0.plusSeconds(1 + i / 2);
            out.add(switch (i % 50) {
                case 17 -> event(id, at, Action.DISABLE, key);
                case 18 -> event(id, at, Action.ENABLE, key);
                default -> event(id, at, Action.TAG, key, Map.of("tag.Round", Integer.toString(i % 7),
                        "tag.Step" + i % 3, Integer.toString(i)));
            });
        }
        return out;
    }

    /** A store, and how many times it was asked for a key's whole history and for ledger records. */
    private static final class CountedStore {
        private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        private final InMemoryInventoryStore memory = new InMemoryInventoryStore(clock);
        private final List<String> wholeHistoryReads = new ArrayList<>();
        private final List<String> ledgerReads = new ArrayList<>();
        private final InventoryStore store = StoreParts.of(memory)
                .withEvents(CallsTo.watched(EventStore.class, memory, (method, args) -> {
                    if (method.getName().equals("eventsToFold")) {
                        wholeHistoryReads.add((String) args[1]);
                    }
                }))
                .withLedger(CallsTo.watched(LedgerStore.class, memory, (method, args) -> {
                    if (method.getName().equals("ledger")) {
                        ledgerReads.add((String) args[0]);
                    }
                }))
                .compose();
        private final InventoryService service = CoreServices.of(store, clock, CoreSettings.DEFAULTS
                .withTenants(TenantResolver.single(TENANT)).withoutAnomalyDetection()).inventory();

        /** Applies the events in the order given, one at a time, in one run. */
        CryptoAsset oneRun(List<KeyEvent> arriving) {
            try (IngestRun run = service.run()) {
                for (KeyEvent e : arriving) {
                    run.apply(TENANT, List.of(e));
                }
            }
            return record();
        }

        /** Applies the events in the order given, in batches of {@code size}, each batch a run of its own. */
        CryptoAsset batches(List<KeyEvent> arriving, int size) {
            for (int i = 0; i < arriving.size(); i += size) {
                service.apply(TENANT, arriving.subList(i, Math.min(arriving.size(), i + size)));
            }
            return record();
        }

        private CryptoAsset record() {
            return store.asset(TENANT, awsKey("k-busy").id()).map(Versioned::value).orElseThrow();
        }
    }

    /** The record the events give applied one by one in history order: each is then the key's latest. */
    private CryptoAsset inHistoryOrder() {
        List<KeyEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(KeyEvent::eventTime).thenComparing(KeyEvent::eventId));
        return new CountedStore().oneRun(sorted);
    }

    @Test
    void eventsInTimeOrderWithTiesInAnyOrderAreFoldedWithoutReadingTheHistoryAgain() {
        // In time order, but the two events of each second in arrival order, not id order, and every 40th
        // event five places late.
        List<KeyEvent> arriving = new ArrayList<>(events);
        for (int i = 40; i + 5 < arriving.size(); i += 40) {
            arriving.add(i + 5, arriving.remove(i));
        }
        CountedStore store = new CountedStore();

        CryptoAsset record = store.oneRun(arriving);

        assertThat(record).isEqualTo(inHistoryOrder());
        assertThat(record.tags()).containsEntry("Step0", "699");
        // Read once, when the run first met the key: the hundreds of events folded in late are folded onto what
        // the run holds of the key.
        assertThat(store.wholeHistoryReads).hasSize(1);
    }

    @Test
    void eventsInAnyOrderGiveTheRecordOfTheirHistoryOrder() {
        List<KeyEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));

        assertThat(new CountedStore().oneRun(shuffled)).isEqualTo(inHistoryOrder());
        assertThat(new CountedStore().batches(shuffled, 50)).isEqualTo(inHistoryOrder());
    }

    @Test
    void eventsMostlyInOrderAcrossBatchesGiveTheRecordOfTheirHistoryOrder() {
        List<KeyEvent> arriving = new ArrayList<>(events);
        for (int i = 30; i + 70 < arriving.size(); i += 90) {
            arriving.add(i + 70, arriving.remove(i)); // seventy places late: before what the run folded
        }

        assertThat(new CountedStore().oneRun(arriving)).isEqualTo(inHistoryOrder());
        assertThat(new CountedStore().batches(arriving, 100)).isEqualTo(inHistoryOrder());
    }

    @Test
    void aBusyKeysEventsDeliveredAgainReadItsHistoryAndItsLedgerOnce() {
        CountedStore store = new CountedStore();
        CryptoAsset first = store.oneRun(events);
        int ledgered = ledgerSize(store.memory);
        store.wholeHistoryReads.clear();
        store.ledgerReads.clear();

        CryptoAsset again = store.oneRun(events);

        assertThat(again).isEqualTo(first);
        assertThat(ledgerSize(store.memory)).isEqualTo(ledgered);
        // Once, at the key's first redelivered event; every later one is found among what the run folded then, and
        // accepted by the ledger it read then (page by page).
        assertThat(store.wholeHistoryReads).hasSize(1);
        assertThat(store.ledgerReads).hasSize((ledgered + PageRequest.MAX_LIMIT - 1) / PageRequest.MAX_LIMIT);
    }

    private static int ledgerSize(InMemoryInventoryStore memory) {
        int size = 0;
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<LedgerRecord> records = memory.ledger(TENANT, 1, Optional.empty(), true, page);
            size += records.items().size();
            if (records.nextCursor().isEmpty()) {
                return size;
            }
            page = page.next(records.nextCursor().get());
        }
    }
}
