package io.keyledger.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.Provider;
import io.keyledger.core.keystore.KeyStoreKind;
import io.keyledger.core.keystore.KeyStoreObservation;
import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.keystore.KeyStoreRef;
import io.keyledger.core.store.KeyStoreRecordStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StaleRevisionException;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The {@link KeyStoreRecordStore} slice of the store contract: conditional writes, round trip, paging. */
public abstract class KeyStoreRecordStoreContract extends StoreContractSlice {

    private static KeyStoreRecord record(String tenant, String nativeId) {
        KeyStoreRef ref = new KeyStoreRef(Provider.AWS, "111122223333", "us-east-1", nativeId);
        return KeyStoreRecord.of(tenant, new KeyStoreObservation(ref, KeyStoreKind.AWS_EXTERNAL_KEY_STORE,
                Instant.parse("2026-02-01T10:00:00.123Z"), "sweep:s-1", Optional.of("payments-xks"),
                Optional.of("CONNECTED"), Optional.of("https://xks.example.com/kms/xks/v1"),
                Optional.of(Instant.parse("2025-11-02T08:00:00Z")), false, true));
    }

    @Test
    void aRecordRoundTripsExactlyAndIsWrittenOnlyAtTheRevisionRead() {
        KeyStoreRecord r = record(ACME, "cks-1234567890abcdef0");
        assertThat(store.putKeyStore(ACME, r, 0)).isEqualTo(1);

        assertThat(store.keyStore(ACME, r.id())).hasValueSatisfying(v -> {
            assertThat(v.value()).isEqualTo(r);
            assertThat(v.revision()).isEqualTo(1);
        });
        assertThatThrownBy(() -> store.putKeyStore(ACME, r, 0)).isInstanceOf(StaleRevisionException.class);
        assertThat(store.putKeyStore(ACME, r, 1)).isEqualTo(2);
        assertThat(store.keyStore(BETA, r.id())).isEmpty();
    }

    @Test
    void recordsArePagedInIdOrderPerTenant() {
        IntStream.range(0, 5).forEach(i -> store.putKeyStore(ACME, record(ACME, "cks-" + (9 - i)), 0));
        store.putKeyStore(BETA, record(BETA, "cks-0"), 0);

        Page<KeyStoreRecord> first = store.keyStores(ACME, PageRequest.first(3));
        assertThat(first.items()).extracting(k -> k.ref().nativeId()).containsExactly("cks-5", "cks-6", "cks-7");
        Page<KeyStoreRecord> second = store.keyStores(ACME, PageRequest.first(3).next(first.nextCursor().orElseThrow()));
        assertThat(second.items()).extracting(k -> k.ref().nativeId()).containsExactly("cks-8", "cks-9");
        assertThat(second.nextCursor()).isEmpty();
        assertThat(store.keyStores(BETA, PageRequest.first(10)).items()).hasSize(1);
    }
}
