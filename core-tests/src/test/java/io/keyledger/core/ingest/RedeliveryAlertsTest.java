package io.keyledger.core.ingest;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Regression: re-ingesting the same deliveries raised new alerts, because every redelivered event was judged again
 * against the key's record as it is now (a disable judged again after the key's later uses had arrived became a
 * premature destruction). A redelivered event is judged only when its first delivery never got to the rules; a
 * late use judges the key's earlier changes once, when it first arrives.
 */
class RedeliveryAlertsTest {

    private static final String TENANT = "acme";

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final InventoryService service = CoreServices.of(store, clock, CoreSettings.DEFAULTS
            .withTenants(TenantResolver.single(TENANT))).inventory();
    private final KeyRef key = awsKey("k-1");

    private List<Alert> alerts() {
        return store.alerts(TENANT, Optional.empty(), PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    @Test
    void redeliveringEverythingRaisesNoNewAlert() {
        // The disable arrives before the use that precedes it in event time.
        List<KeyEvent> deliveries = List.of(
                event("c", T0, Action.CREATE, key),
                event("d", T0.plus(Duration.ofDays(2)), Action.DISABLE, key, Map.of("nativeState", "Disabled")),
                event("u", T0.plus(Duration.ofDays(1)), Action.USE, key, Map.of("usage.service", "s3.amazonaws.com")));
        service.apply(deliveries);
        List<Alert> first = alerts();
        // The late use is judged when it arrives, as if it had come first: one alert, on the first delivery.
        assertThat(first).extracting(a -> a.rule().id()).containsExactly("premature-destruction");

        service.apply(deliveries);
        service.apply(deliveries.subList(1, 2));

        assertThat(alerts()).isEqualTo(first);
    }

    @Test
    void aDisableOfAKeyInUseIsStillJudgedWhenItFirstArrives() {
        service.apply(List.of(event("c", T0, Action.CREATE, key),
                event("u", T0.plus(Duration.ofDays(1)), Action.USE, key, Map.of("usage.service", "s3.amazonaws.com"))));

        service.apply(List.of(event("d", T0.plus(Duration.ofDays(2)), Action.DISABLE, key,
                Map.of("nativeState", "Disabled"))));

        assertThat(alerts()).extracting(a -> a.rule().id()).containsExactly("premature-destruction");
        assertThat(alerts().get(0).message()).contains("last used " + T0.plus(Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS));
    }
}
