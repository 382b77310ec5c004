package io.keyledger.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * State follows event time, whatever the delivery order: any permutation of an event stream, with any
 * duplicates and any batching, gives the same inventory and the same per-key histories, and the
 * ledger verifies afterwards.
 */
class EventStreamProperties {

    private static final List<KeyRef> KEYS = List.of(Fixtures.awsKey("k-1"), Fixtures.awsKey("k-2"),
            Fixtures.gcpKey("proj", "k-3"), Fixtures.azureKey("sub-1", "k-4"));

    private static final List<Action> ACTIONS = List.of(Action.CREATE, Action.ENABLE, Action.DISABLE,
            Action.SCHEDULE_DESTRUCTION, Action.CANCEL_DESTRUCTION, Action.DESTROY, Action.ROTATE, Action.TAG,
            Action.ALIAS, Action.IMPORT_MATERIAL, Action.DELETE_MATERIAL, Action.DECLARE_COMPROMISE, Action.USE,
            Action.RECOVER, Action.OBSERVE, Action.METADATA);

    @Property(tries = 200)
    void anyDeliveryOrderWithDuplicatesGivesTheSameInventoryAndHistories(
            @ForAll("streams") List<KeyEvent> stream, @ForAll long shuffleSeed, @ForAll("batchSizes") int batchSize) {
        Inventory inOrder = applyAll(stream, stream.size());

        List<KeyEvent> delivered = new ArrayList<>(stream);
        Random random = new Random(shuffleSeed);
        for (int i = 0; i < stream.size() / 3 + 1; i++) {
            delivered.add(stream.get(random.nextInt(stream.size())));
        }
        Collections.shuffle(delivered, random);
        Inventory shuffled = applyAll(delivered, batchSize);

        assertThat(shuffled.assets).isEqualTo(inOrder.assets);
        assertThat(shuffled.histories).isEqualTo(inOrder.histories);
        assertThat(shuffled.ledgerIntact).isTrue();
        assertThat(inOrder.ledgerIntact).isTrue();
    }

    /**
     * Events past their retention (archived logs, years old) arrive already expired, and their history is
     * hidden at once; the keys they name are listed all the same, and any delivery order gives the same
     * records.
     */
    @Property(tries = 200)
    void eventsOfAnyAgeRevealTheirKeysWhateverTheOrder(@ForAll("agedStreams") List<KeyEvent> stream,
                                                       @ForAll long shuffleSeed, @ForAll("batchSizes") int batchSize) {
        Inventory inOrder = applyAll(stream, stream.size());
        List<KeyEvent> delivered = new ArrayList<>(stream);
        Random random = new Random(shuffleSeed);
        for (int i = 0; i < stream.size() / 3 + 1; i++) {
            delivered.add(stream.get(random.nextInt(stream.size())));
        }
        Collections.shuffle(delivered, random);
        Inventory shuffled = applyAll(delivered, batchSize);

        java.util.Set<String> named = new java.util.TreeSet<>();
        stream.stream().filter(KeyEvent::succeeded).forEach(e -> named.add(e.key().id()));
        assertThat(inOrder.assets).extracting(CryptoAsset::id).containsExactlyElementsOf(named);
        assertThat(shuffled.assets).extracting(CryptoAsset::id).containsExactlyElementsOf(named);
        // Until purged, events past their retention are still folded: the records are exactly the same.
        assertThat(shuffled.assets).isEqualTo(inOrder.assets);
        assertThat(shuffled.ledgerIntact).isTrue();
    }

    @Provide
    Arbitrary<List<KeyEvent>> agedStreams() {
        // No destruction: a key destroyed past its retention goes with its record, by design.
        Arbitrary<KeyEvent> event = Combinators.combine(
                Arbitraries.of(KEYS),
                Arbitraries.of(ACTIONS.stream().filter(a -> a != Action.DESTROY).toList()),
                Arbitraries.integers().between(0, 40),
                Arbitraries.of("alice", "bob", "ops-role"),
                Arbitraries.integers().between(0, 9),
                Arbitraries.strings().alpha().ofLength(6),
                Arbitraries.of(true, false)).as((key, action, minute, who, variant, id, ancient) -> {
                    KeyEvent e = event(key, action, minute, who, variant, id);
                    // Eleven years back: past the seven years of history kept by default.
                    return ancient ? new KeyEvent(e.eventId(), e.eventTime().minus(java.time.Duration.ofDays(4018)),
                            e.action(), e.key(), e.versionId(), e.actor(), e.outcome(), e.attributes(), e.source()) : e;
                });
        return event.list().ofMinSize(1).ofMaxSize(25).uniqueElements(KeyEvent::eventId);
    }

    private record Inventory(List<CryptoAsset> assets, Map<String, List<HistoryEntry>> histories, boolean ledgerIntact) {
    }

    private static Inventory applyAll(List<KeyEvent> events, int batchSize) {
        MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
        InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
        InventoryService service = Fixtures.services(store, clock, "acme").inventory();
        for (int from = 0; from < events.size(); from += batchSize) {
            BatchResult result = service.apply(events.subList(from, Math.min(events.size(), from + batchSize)));
            assertThat(result.rejected()).isEmpty();
        }
        Map<String, List<HistoryEntry>> histories = new LinkedHashMap<>();
        for (KeyRef k : KEYS) {
            histories.put(k.id(), service.history("acme", k.id()));
        }
        List<CryptoAsset> assets = store.assets("acme", AssetQuery.ALL, PageRequest.first(100)).items();
        return new Inventory(assets, histories, new LedgerVerifier(store).verify("acme").intact());
    }

    @Provide
    Arbitrary<Integer> batchSizes() {
        return Arbitraries.integers().between(1, 7);
    }

    @Provide
    Arbitrary<List<KeyEvent>> streams() {
        Arbitrary<KeyEvent> event = Combinators.combine(
                Arbitraries.of(KEYS),
                Arbitraries.of(ACTIONS),
                Arbitraries.integers().between(0, 40),
                Arbitraries.of("alice", "bob", "ops-role"),
                Arbitraries.integers().between(0, 9),
                Arbitraries.strings().alpha().ofLength(6)).as(EventStreamProperties::event);
        return event.list().ofMinSize(1).ofMaxSize(25).uniqueElements(KeyEvent::eventId);
    }

    private static KeyEvent event(KeyRef key, Action action, int minute, String who, int variant, String id) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Optional<String> version = Optional.empty();
        switch (action) {
            case CREATE -> {
                attributes.put("algorithm", variant % 2 == 0 ? "AES-256" : "RSA-3072");
                attributes.put("kind", variant % 2 == 0 ? "SYMMETRIC" : "ASYMMETRIC");
                attributes.put("nativeState", "Enabled");
            }
            case TAG -> attributes.put("tag.Owner", who);
            case ALIAS -> attributes.put(variant % 3 == 0 ? "alias.remove" : "alias.add", "alias/app-" + variant % 3);
            case SCHEDULE_DESTRUCTION -> attributes.put("destructionScheduledAt",
                    Instant.parse("2026-02-01T00:00:00Z").plusSeconds(86_400L * variant).toString());
            case ROTATE, DESTROY -> version = key.provider() == io.keyledger.core.key.Provider.GCP
                    ? Optional.of(Integer.toString(variant % 3 + 1)) : Optional.empty();
            case USE -> attributes.put("usage.service", variant % 2 == 0 ? "s3.amazonaws.com" : "bedrock.amazonaws.com");
            case OBSERVE -> attributes.put("state", variant % 2 == 0 ? "ACTIVE" : "SUSPENDED");
            case METADATA -> attributes.put("description", "payments key " + variant);
            default -> {
                // the action alone says it
            }
        }
        Outcome outcome = variant == 7 ? Outcome.failure("AccessDeniedException", "denied") : Outcome.SUCCESS;
        // Several events share a minute, so ties on event time are exercised too.
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute);
        return new KeyEvent("evt-" + id, at, action, key, version,
                Actor.of("arn:aws:iam::111122223333:user/" + who, ActorType.USER), outcome, attributes,
                new SourcePointer("test", id, action.name()));
    }
}
