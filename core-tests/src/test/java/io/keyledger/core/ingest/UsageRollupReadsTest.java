package io.keyledger.core.ingest;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.store.UsageStore;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A batch's uses of a key the run has not seen read the key's rollup once, in the merge that writes them, not once
 * before it and again in it (on DynamoDB, Azure Tables and Firestore each read is a request).
 */
class UsageRollupReadsTest {

    private static final String TENANT = "acme";

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore memory = new InMemoryInventoryStore(clock);
    private final List<String> calls = new ArrayList<>();
    private final InventoryStore store = counting(StoreParts.of(memory)).compose();
    private final InventoryService service = CoreServices.of(store, clock, CoreSettings.DEFAULTS
            .withTenants(TenantResolver.single(TENANT)).withoutAnomalyDetection()).inventory();
    private final KeyRef key = awsKey("k-1");

    /** The in-memory store, with every call to its rollups written down. */
    private StoreParts counting(StoreParts parts) {
        UsageStore usage = parts.usage();
        return parts.withUsage(new UsageStore() {
            @Override
            public UsageContext mergeUsage(String tenant, String keyId, UsageContext u) {
                calls.add("mergeUsage");
                return usage.mergeUsage(tenant, keyId, u);
            }

            @Override
            public Merge mergeUsageWithBefore(String tenant, String keyId, UsageContext u) {
                calls.add("mergeUsageWithBefore");
                return usage.mergeUsageWithBefore(tenant, keyId, u);
            }

            @Override
            public Optional<UsageContext> usage(String tenant, String keyId) {
                calls.add("usage");
                return usage.usage(tenant, keyId);
            }
        });
    }

    private static KeyEvent use(String id, int minutes, KeyRef key) {
        return event(id, T0.plus(Duration.ofMinutes(minutes)), Action.USE, key,
                Map.of("usage.service", "s3.amazonaws.com"));
    }

    @Test
    void aBatchOfLaterUsesReadsTheRollupOnlyInTheMerge() {
        service.apply(List.of(use("u1", 0, key), use("u2", 1, key)));
        calls.clear();

        service.apply(List.of(use("u3", 90, key), use("u4", 91, key)));

        assertThat(calls).containsExactly("mergeUsageWithBefore");
        assertThat(memory.usage(TENANT, key.id()).orElseThrow().lastUsedAt())
                .contains(T0.plus(Duration.ofMinutes(91)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
    }

    @Test
    void usesTheRollupAlreadyHoldsChangeNothing() {
        service.apply(List.of(use("u1", 0, key), use("u2", 1, key)));
        UsageContext stored = memory.usage(TENANT, key.id()).orElseThrow();
        long revision = memory.asset(TENANT, key.id()).orElseThrow().revision();
        calls.clear();

        service.apply(List.of(use("u1", 0, key), use("u2", 1, key)));

        assertThat(calls).containsExactly("mergeUsageWithBefore");
        assertThat(memory.usage(TENANT, key.id())).contains(stored);
        assertThat(memory.asset(TENANT, key.id()).orElseThrow().revision()).isEqualTo(revision);
    }
}
