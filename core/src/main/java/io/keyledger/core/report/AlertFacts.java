package io.keyledger.core.report;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.alert.Severity;
import io.keyledger.core.store.AlertStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Counts of a tenant's alerts: open ones by rule and severity, and the oldest open HIGH or CRITICAL. */
final class AlertFacts {

    long open;
    long acknowledged;
    final Map<String, Long> openByRule = new TreeMap<>();
    final Map<String, Long> openBySeverity = new TreeMap<>();
    Optional<Instant> oldestOpenHighRaisedAt = Optional.empty();

    static AlertFacts gather(AlertStore store, String tenant) {
        AlertFacts f = new AlertFacts();
        forEach(store, tenant, AlertStatus.OPEN, a -> {
            f.open++;
            f.openByRule.merge(a.rule().id(), 1L, Long::sum);
            f.openBySeverity.merge(a.severity().name(), 1L, Long::sum);
            if (a.severity().compareTo(Severity.HIGH) >= 0
                    && (f.oldestOpenHighRaisedAt.isEmpty() || a.raisedAt().isBefore(f.oldestOpenHighRaisedAt.get()))) {
                f.oldestOpenHighRaisedAt = Optional.of(a.raisedAt());
            }
        });
        forEach(store, tenant, AlertStatus.ACKNOWLEDGED, a -> f.acknowledged++);
        return f;
    }

    private static void forEach(AlertStore store, String tenant, AlertStatus status,
                                java.util.function.Consumer<Alert> action) {
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Alert> page = store.alerts(tenant, Optional.of(status), request);
            page.items().forEach(action);
            if (page.nextCursor().isEmpty()) {
                return;
            }
            request = request.next(page.nextCursor().get());
        }
    }
}
