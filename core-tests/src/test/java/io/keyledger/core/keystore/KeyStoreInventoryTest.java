package io.keyledger.core.keystore;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.ObservedKeyStore;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Key stores and HSMs are inventory items of their own, linked to the keys they hold. */
class KeyStoreInventoryTest {

    private static final String CKS = "cks-1234567890abcdef0";

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final CoreServices services = Fixtures.services(store, clock, "acme");
    private final InventoryService inventory = services.inventory();
    private final KeyRef key = awsKey("1234abcd-12ab-34cd-56ef-1234567890ab");
    private final KeyStoreRef ref = new KeyStoreRef(Provider.AWS, "111122223333", "us-east-1", CKS);

    private KeyStoreRecord record() {
        return inventory.keyStores().get("acme", ref.id()).orElseThrow();
    }

    @Test
    void aKeyNamingItsKeyStoreMakesAPartialRecordOfTheStoreLinkedToTheKey() {
        inventory.apply(List.of(event("c1", T0, Action.CREATE, key, Map.of("customKeyStore", CKS,
                "protection", "EXTERNAL", "origin", "EXTERNAL"))));

        KeyStoreRecord r = record();
        assertThat(r.kindOrUnknown()).isEqualTo(KeyStoreKind.AWS_EXTERNAL_KEY_STORE);
        assertThat(r.partiallyObserved()).isTrue();
        assertThat(inventory.keyStores().keysOf("acme", ref)).extracting(CryptoAsset::id).containsExactly(key.id());
        assertThat(store.ledger("acme", 1, Optional.empty(), false, PageRequest.first(100)).items())
                .anySatisfy(l -> assertThat(l.type()).isEqualTo(LedgerEntryType.KEY_STORE_CHANGED));
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    @Test
    void connectionChangesAndASweepListingDescribeTheStore() {
        inventory.apply(List.of(event("c1", T0, Action.CREATE, key, Map.of("customKeyStore", CKS, "protection", "HSM"))));
        inventory.applyKeyStoreChange(new DecodedRecord.KeyStoreChange(new RecordLocation("t", 1, ""),
                "ks-1", T0.plusSeconds(60), Provider.AWS, "111122223333", "us-east-1", CKS, false,
                Actor.system("t"), "DisconnectCustomKeyStore"));
        assertThat(record().stateValue()).contains("DISCONNECTED");

        services.reconciler().sweep("acme", "s-1", new ListingKeyStores(List.of(new ObservedKeyStore(ref,
                KeyStoreKind.AWS_CLOUDHSM, Optional.of("payments-hsm"), Optional.of("CONNECTED"),
                Optional.of("cluster-1a23b4cdefg"), Optional.of(Instant.parse("2025-01-01T00:00:00Z"))))));

        KeyStoreRecord r = record();
        assertThat(r.partiallyObserved()).isFalse();
        assertThat(r.nameValue()).contains("payments-hsm");
        assertThat(r.stateValue()).contains("CONNECTED");
        assertThat(r.backingValue()).contains("cluster-1a23b4cdefg");
        assertThat(r.lastSweptAt()).isPresent();
    }

    @Property(tries = 100)
    void anyOrderOfObservationsGivesTheSameRecord(@ForAll long seed) {
        List<KeyStoreObservation> observations = List.of(
                KeyStoreObservation.namedByKey(ref, KeyStoreKind.UNKNOWN, T0, "aws:k1"),
                new KeyStoreObservation(ref, KeyStoreKind.AWS_CLOUDHSM, T0.plusSeconds(10), "e-create",
                        Optional.of("hsm-a"), Optional.of("DISCONNECTED"), Optional.of("cluster-1"), Optional.of(T0), false, true),
                new KeyStoreObservation(ref, KeyStoreKind.UNKNOWN, T0.plusSeconds(20), "e-connect", Optional.empty(),
                        Optional.of("CONNECTED"), Optional.empty(), Optional.empty(), false, false),
                new KeyStoreObservation(ref, KeyStoreKind.AWS_CLOUDHSM, T0.plusSeconds(30), "sweep:s",
                        Optional.of("hsm-b"), Optional.empty(), Optional.of("cluster-1"), Optional.empty(), false, true));
        List<KeyStoreObservation> shuffled = new ArrayList<>(observations);
        Collections.shuffle(shuffled, new java.util.Random(seed));

        assertThat(fold(shuffled)).isEqualTo(fold(observations));
        assertThat(fold(observations).nameValue()).contains("hsm-b");
        assertThat(fold(observations).stateValue()).contains("CONNECTED");
    }

    private static KeyStoreRecord fold(List<KeyStoreObservation> observations) {
        KeyStoreRecord r = KeyStoreRecord.of("acme", observations.get(0));
        for (KeyStoreObservation o : observations.subList(1, observations.size())) {
            r = r.merge(o);
        }
        return r;
    }

    /** A scope with no keys and the given key stores. */
    private record ListingKeyStores(List<ObservedKeyStore> stores) implements KeySource {
        @Override
        public SweepScope scope() {
            return new SweepScope(Provider.AWS, "111122223333", "us-east-1");
        }

        @Override
        public KeyListing list(Optional<String> cursor) {
            return new KeyListing(List.of(), Optional.empty());
        }

        @Override
        public Optional<ObservedKey> describe(KeyRef key) {
            return Optional.empty();
        }

        @Override
        public List<ObservedKeyStore> keyStores() {
            return stores;
        }
    }
}
