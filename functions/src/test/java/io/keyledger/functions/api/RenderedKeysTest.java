package io.keyledger.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.functions.http.HttpResponse;
import io.keyledger.functions.views.JsonViews;
import io.keyledger.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys rendered once and reused while their record is unchanged, and pages written from the rendered keys. */
class RenderedKeysTest {

    private static CryptoAsset key(String name, Optional<String> owner) {
        return Fixtures.asset("acme", Fixtures.awsKey(name), LifecycleState.ACTIVE, owner);
    }

    @Test
    void aKeyIsRenderedAsItsJsonView() {
        CryptoAsset k = key("k1", Optional.of("team-a"));

        byte[] json = new RenderedKeys(4).json(k);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(Json.write(JsonViews.key(k)));
    }

    @Test
    void anEqualRecordGetsTheKeptTextAndAChangedOneIsRenderedAgain() {
        RenderedKeys rendered = new RenderedKeys(4);
        byte[] first = rendered.json(key("k1", Optional.of("team-a")));

        byte[] again = rendered.json(key("k1", Optional.of("team-a")));
        byte[] changed = rendered.json(key("k1", Optional.of("team-b")));

        assertThat(again).isSameAs(first);
        assertThat(new String(changed, StandardCharsets.UTF_8)).contains("\"owner\":\"team-b\"");
        assertThat(rendered.json(key("k1", Optional.of("team-b")))).isSameAs(changed);
    }

    @Test
    void itHoldsNoMoreKeysThanItsCapacity() {
        RenderedKeys rendered = new RenderedKeys(3);

        for (int i = 0; i < 10; i++) {
            rendered.json(key("k" + i, Optional.empty()));
        }

        assertThat(rendered.size()).isEqualTo(3);
    }

    @Test
    void aPageOfRenderedKeysIsTheTextOfThePageObject() {
        List<CryptoAsset> keys = List.of(key("k1", Optional.of("team-a")), key("k2", Optional.empty()));
        RenderedKeys rendered = new RenderedKeys(4);

        for (Optional<String> cursor : List.of(Optional.<String>empty(), Optional.of("abc.\"q\""))) {
            HttpResponse fast = ApiResponses.jsonPage(keys.stream().map(rendered::json).toList(), cursor);
            HttpResponse objects = ApiResponses.json(200, ApiResponses.page(keys.stream().map(JsonViews::key).toList(),
                    cursor));

            assertThat(fast.bodyBytes()).isEqualTo(objects.bodyBytes());
            assertThat(fast.status()).isEqualTo(objects.status());
            assertThat(fast.headers()).isEqualTo(objects.headers());
        }
        assertThat(ApiResponses.jsonPage(List.of(), Optional.empty()).bodyBytes())
                .isEqualTo(ApiResponses.json(200, ApiResponses.page(List.of(), Optional.empty())).bodyBytes());
    }
}
