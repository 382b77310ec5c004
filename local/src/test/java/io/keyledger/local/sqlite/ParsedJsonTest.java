package io.keyledger.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stored key records parsed once and handed out again while their text is unchanged. */
class ParsedJsonTest {

    private static byte[] stored(String name, Optional<String> owner) {
        CryptoAsset a = Fixtures.asset("acme", Fixtures.awsKey(name), LifecycleState.ACTIVE, owner);
        return Json.write(a).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameTextGivesTheSameRecordAndChangedTextANewOne() {
        ParsedJson<CryptoAsset> parsed = new ParsedJson<>(CryptoAsset.class, 4);
        byte[] text = stored("k1", Optional.of("team-a"));

        CryptoAsset first = parsed.read("acme", "aws:k1", text);
        CryptoAsset again = parsed.read("acme", "aws:k1", text.clone());
        CryptoAsset changed = parsed.read("acme", "aws:k1", stored("k1", Optional.of("team-b")));

        assertThat(again).isSameAs(first);
        assertThat(first.owner()).contains("team-a");
        assertThat(changed.owner()).contains("team-b");
    }

    @Test
    void anotherTenantsKeyOfTheSameIdIsItsOwnRecord() {
        ParsedJson<CryptoAsset> parsed = new ParsedJson<>(CryptoAsset.class, 4);
        byte[] text = stored("k1", Optional.empty());

        CryptoAsset acme = parsed.read("acme", "aws:k1", text);
        CryptoAsset beta = parsed.read("beta", "aws:k1", text);

        assertThat(beta).isEqualTo(acme).isNotSameAs(acme);
    }

    @Test
    void itHoldsNoMoreRecordsThanItsCapacity() {
        ParsedJson<CryptoAsset> parsed = new ParsedJson<>(CryptoAsset.class, 3);

        for (int i = 0; i < 10; i++) {
            parsed.read("acme", "aws:k" + i, stored("k" + i, Optional.empty()));
        }

        assertThat(parsed.size()).isEqualTo(3);
    }

    @Test
    void unreadableTextIsRefusedNamingTheRecord() {
        ParsedJson<CryptoAsset> parsed = new ParsedJson<>(CryptoAsset.class, 3);

        assertThatThrownBy(() -> parsed.read("acme", "aws:k1", "{\"id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stored CryptoAsset is not readable");
    }
}
