package io.keyledger.core.alert;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.alert.RecordingSink;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory inventory with alerting, for rule scenarios. */
final class AlertHarness {

    static final String TENANT = "acme";
    static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    static final String MALLORY = "arn:aws:iam::111122223333:user/mallory";

    final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    final InventoryStore store;
    final AlertService alerts;
    final InventoryService inventory;
    final List<Alert> sent = new ArrayList<>();

    AlertHarness(AnomalyPolicy policy) {
        this(policy, new InMemoryInventoryStore(MutableClock.at("2026-03-01T00:00:00Z")));
    }

    AlertHarness(AnomalyPolicy policy, InventoryStore store) {
        this.store = store;
        AlertSink recording = new RecordingSink(sent);
        CoreServices services = CoreServices.of(store, clock, CoreSettings.DEFAULTS
                .withTenants(TenantResolver.single(TENANT))
                .withPolicies(new AnomalyPolicies(policy, Map.of()))
                .withAlertSinks(List.of(recording)));
        this.alerts = services.alerts();
        this.inventory = services.inventory();
    }

    void apply(KeyEvent... events) {
        inventory.apply(List.of(events));
    }

    /** Every stored alert of the tenant, newest first. */
    List<Alert> stored() {
        List<Alert> out = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Alert> p = store.alerts(TENANT, Optional.empty(), page);
            out.addAll(p.items());
            if (p.nextCursor().isEmpty()) {
                return out;
            }
            page = page.next(p.nextCursor().get());
        }
    }

    List<Rule> rules() {
        return stored().stream().map(Alert::rule).toList();
    }

    static KeyEvent by(String principal, String id, Instant at, Action action, KeyRef key, Map<String, String> attrs) {
        return new KeyEvent(id, at, action, key, Optional.empty(), Actor.of(principal, ActorType.USER),
                Outcome.SUCCESS, attrs, new SourcePointer("test", id, action.name()));
    }

    static KeyEvent by(String principal, String id, Instant at, Action action, KeyRef key) {
        return by(principal, id, at, action, key, Map.of());
    }

    static KeyEvent failedBy(String principal, String id, Instant at, Action action, KeyRef key) {
        return new KeyEvent(id, at, action, key, Optional.empty(), Actor.of(principal, ActorType.USER),
                Outcome.failure("AccessDeniedException", "not authorized"), Map.of(),
                new SourcePointer("test", id, action.name()));
    }
}
