package io.keyledger.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.feed.PartnerKey;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.PartnerKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PartnerKeyStore} does: a partner's newest feed replaces its keys, other partners' and
 * other tenants' stay as they are, and listing pages by partner then key id.
 */
public abstract class PartnerKeyStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    /** A fresh, empty store. */
    protected abstract PartnerKeyStore store();

    static PartnerKey key(String partner, String id, String feed) {
        return new PartnerKey(partner, id, "key " + id, "active", "AES-256", Optional.of("aws"), partner,
                Optional.of("CUSTOMER"), feed, T0, T0.plusSeconds(60));
    }

    private static List<String> ids(Page<PartnerKey> page) {
        return page.items().stream().map(k -> k.partner() + "/" + k.keyId()).toList();
    }

    @Test
    void aNewerFeedReplacesThePartnersKeysAndOnlyThose() {
        PartnerKeyStore s = store();
        s.replacePartnerKeys("acme", "bank", List.of(key("bank", "k1", "f1"), key("bank", "k2", "f1")));
        s.replacePartnerKeys("acme", "cloud", List.of(key("cloud", "c1", "f9")));
        s.replacePartnerKeys("beta", "bank", List.of(key("bank", "k9", "f5")));

        s.replacePartnerKeys("acme", "bank", List.of(key("bank", "k2", "f2"), key("bank", "k3", "f2")));

        assertThat(ids(s.partnerKeys("acme", Optional.empty(), PageRequest.first(100))))
                .containsExactly("bank/k2", "bank/k3", "cloud/c1");
        assertThat(s.partnerKeys("acme", Optional.of("bank"), PageRequest.first(100)).items())
                .extracting(PartnerKey::feedId).containsOnly("f2");
        assertThat(ids(s.partnerKeys("beta", Optional.empty(), PageRequest.first(100)))).containsExactly("bank/k9");
        assertThat(s.partnerKeys("gamma", Optional.empty(), PageRequest.first(100)).items()).isEmpty();
    }

    @Test
    void anEmptyFeedLeavesThePartnerWithoutKeys() {
        PartnerKeyStore s = store();
        s.replacePartnerKeys("acme", "bank", List.of(key("bank", "k1", "f1")));
        s.replacePartnerKeys("acme", "bank", List.of());

        assertThat(s.partnerKeys("acme", Optional.of("bank"), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void keysRoundTripExactly() {
        PartnerKeyStore s = store();
        PartnerKey k = new PartnerKey("bank", "urn:bank:key/1", "Payments CMK", "deactivated", "RSA-3072",
                Optional.empty(), "Bank key custodians", Optional.empty(), "feed-1", T0, T0.plusSeconds(1));
        s.replacePartnerKeys("acme", "bank", List.of(k));

        assertThat(s.partnerKeys("acme", Optional.of("bank"), PageRequest.first(10)).items()).containsExactly(k);
    }

    @Test
    void pagesThroughEveryKeyOnceInOrder() {
        PartnerKeyStore s = store();
        List<PartnerKey> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(key("bank", String.format("k%02d", i), "f1"));
        }
        s.replacePartnerKeys("acme", "bank", many);
        s.replacePartnerKeys("acme", "cloud", List.of(key("cloud", "c1", "f2")));

        List<String> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(10);
        while (true) {
            Page<PartnerKey> page = s.partnerKeys("acme", Optional.of("bank"), request);
            seen.addAll(ids(page));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted().allMatch(id -> id.startsWith("bank/"));
    }

    @Test
    void refusesAnotherPartnersKeyAndDuplicatesAndKeepsWhatWasThere() {
        PartnerKeyStore s = store();
        s.replacePartnerKeys("acme", "bank", List.of(key("bank", "k1", "f1")));

        assertThatThrownBy(() -> s.replacePartnerKeys("acme", "bank", List.of(key("cloud", "c1", "f2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c1");
        assertThatThrownBy(() -> s.replacePartnerKeys("acme", "bank", List.of(key("bank", "k2", "f2"),
                key("bank", "k2", "f2")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThat(ids(s.partnerKeys("acme", Optional.empty(), PageRequest.first(10)))).containsExactly("bank/k1");
    }
}
