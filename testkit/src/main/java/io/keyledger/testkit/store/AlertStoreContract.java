package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link AlertStore} slice of the store contract: one alert per condition, listing, acknowledgement. */
public abstract class AlertStoreContract extends StoreContractSlice {

    private Alert alert(String tenant, String condition, Instant raisedAt) {
        return Alert.open(tenant, Rule.UNAUTHORISED_CHANGE, Optional.of("k-" + condition), List.of("aws:" + condition),
                "change by someone", condition, raisedAt);
    }

    @Test
    void theSameConditionIsStoredOnceWhateverItsStatus() {
        Alert a = alert(ACME, "c1", T0);
        assertThat(store.insertAlert(a)).isTrue();
        assertThat(store.insertAlert(alert(ACME, "c1", T0.plusSeconds(5)))).isFalse();
        assertThat(store.acknowledgeAlert(ACME, a.id(), "local:bob", T0.plusSeconds(9))).isPresent();
        assertThat(store.insertAlert(a)).isFalse();
        assertThat(store.alert(ACME, a.id())).get().satisfies(stored -> {
            assertThat(stored.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(stored.raisedAt()).isEqualTo(T0);
        });
    }

    @Test
    void alertsRoundTripExactly() {
        Alert a = alert(ACME, "c1", T0.plusNanos(7));
        store.insertAlert(a);
        assertThat(store.alert(ACME, a.id())).contains(a);
    }

    @Test
    void alertsAreListedNewestFirstPageByPageAndFilteredByStatus() {
        List<Alert> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Alert a = alert(ACME, "c" + i, T0.plusSeconds(i));
            store.insertAlert(a);
            all.add(0, a);
        }
        store.acknowledgeAlert(ACME, all.get(1).id(), "local:bob", T0.plusSeconds(60));
        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(3);
        while (true) {
            Page<Alert> p = store.alerts(ACME, Optional.empty(), page);
            p.items().forEach(a -> seen.add(a.id()));
            if (p.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(p.nextCursor().get());
        }
        assertThat(seen).containsExactlyElementsOf(all.stream().map(Alert::id).toList());
        Page<Alert> open = store.alerts(ACME, Optional.of(AlertStatus.OPEN), PageRequest.first(2));
        assertThat(open.items()).extracting(Alert::id).containsExactly(all.get(0).id(), all.get(2).id());
        Page<Alert> rest = store.alerts(ACME, Optional.of(AlertStatus.OPEN), new PageRequest(open.nextCursor(), 10));
        assertThat(rest.items()).hasSize(4);
        assertThat(store.alerts(ACME, Optional.of(AlertStatus.ACKNOWLEDGED), PageRequest.first(10)).items())
                .extracting(Alert::id).containsExactly(all.get(1).id());
    }

    @Test
    void acknowledgementIsConditionalOnTheAlertBeingOpen() {
        Alert a = alert(ACME, "c1", T0);
        store.insertAlert(a);
        Optional<Alert> first = store.acknowledgeAlert(ACME, a.id(), "local:bob", T0.plusSeconds(1));
        assertThat(first).get().satisfies(x -> {
            assertThat(x.acknowledgedBy()).contains("local:bob");
            assertThat(x.acknowledgedAt()).contains(T0.plusSeconds(1));
        });
        assertThat(store.acknowledgeAlert(ACME, a.id(), "local:eve", T0.plusSeconds(2))).isEmpty();
        assertThat(store.acknowledgeAlert(ACME, "al-unknown", "local:eve", T0)).isEmpty();
        assertThat(store.alert(ACME, a.id()).orElseThrow().acknowledgedBy()).contains("local:bob");
    }

    @Test
    void alertsAreKeptPerTenant() {
        Alert a = alert(ACME, "c1", T0);
        store.insertAlert(a);
        assertThat(store.insertAlert(alert(BETA, "c1", T0))).isTrue();
        assertThat(store.alert(BETA, a.id())).isEmpty();
        assertThat(store.acknowledgeAlert(BETA, a.id(), "local:eve", T0)).isEmpty();
        assertThat(store.alerts(BETA, Optional.empty(), PageRequest.first(10)).items()).hasSize(1);
        assertThat(store.tenants()).contains(ACME, BETA);
    }
}
