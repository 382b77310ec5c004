package io.keyledger.aws.snapshot;

import static io.keyledger.aws.snapshot.AwsSnapshotReaderTest.ACCOUNT;
import static io.keyledger.aws.snapshot.AwsSnapshotReaderTest.K1;
import static io.keyledger.aws.snapshot.AwsSnapshotReaderTest.K_AWS;
import static io.keyledger.aws.snapshot.AwsSnapshotReaderTest.K_DENIED;
import static io.keyledger.aws.snapshot.AwsSnapshotReaderTest.K_EXT;
import static io.keyledger.aws.snapshot.AwsSnapshotReaderTest.K_MISSING;
import static io.keyledger.aws.snapshot.AwsSnapshotReaderTest.K_MRK;
import static io.keyledger.aws.snapshot.AwsSnapshotReaderTest.arn;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CloudTrail log file, then a sweep of the listings saved afterwards: the keys the events built
 * are confirmed as they are (events and listings speak alike), the ones no event showed are audit gaps,
 * and what the events could not say (a replica finished creating) is corrected.
 */
class SweepAgainstEventsTest {

    private static final String LOG = "/aws/logs/111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json";

    private final MutableClock clock = MutableClock.at("2026-01-21T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final TenantMapping tenants = new TenantMapping(Map.of("aws:" + ACCOUNT, "acme"), "default");
    private final CoreServices services = CoreServices.of(store, clock,
            CoreSettings.DEFAULTS.withTenants(tenants).withoutAnomalyDetection());
    private final InventoryService inventory = services.inventory();

    /** Sweeps a scope into the tenant its account maps to, as an entry point does. */
    private SweepReport sweep(String sweepId, KeySource source) {
        SweepScope scope = source.scope();
        return services.reconciler().sweep(tenants.tenantOf(scope.provider(), scope.account()), sweepId, source);
    }

    @Test
    void theSweepConfirmsWhatTheEventsBuiltAndFindsTheRest() throws IOException {
        inventory.apply(events(LOG));
        List<KeySource> sources = new AwsSnapshotReader().read(AwsSnapshotReaderTest.snapshot());

        SweepReport east = sweep("sweep-1", sources.get(0));
        SweepReport west = sweep("sweep-2", sources.get(1));

        Map<String, SweptKey> byKey = east.keys().stream().collect(Collectors.toMap(SweptKey::keyId, k -> k));
        assertThat(byKey.get(id(K1, "us-east-1")).keyClass()).as(byKey.get(id(K1, "us-east-1")).reasons().toString())
                .isEqualTo(KeyClass.CONFIRMED);
        assertThat(byKey.get(id(K_EXT, "us-east-1")).keyClass()).as(byKey.get(id(K_EXT, "us-east-1")).reasons().toString())
                .isEqualTo(KeyClass.CONFIRMED);
        assertThat(byKey.get(id(K_MRK, "us-east-1")).keyClass()).as(byKey.get(id(K_MRK, "us-east-1")).reasons().toString())
                .isEqualTo(KeyClass.CONFIRMED);
        assertThat(byKey.get(id(K_AWS, "us-east-1")).keyClass()).isEqualTo(KeyClass.UNTRACKED);
        assertThat(byKey.get(id(K_DENIED, "us-east-1")).keyClass()).isEqualTo(KeyClass.UNTRACKED);
        assertThat(byKey.get(id(K_DENIED, "us-east-1")).partiallyObserved()).isTrue();
        assertThat(byKey.get(id(K_MISSING, "us-east-1")).partiallyObserved()).isTrue();
        assertThat(east.partial()).isFalse();

        SweptKey replica = west.keys().get(0);
        assertThat(replica.keyClass()).isEqualTo(KeyClass.DRIFTED);
        assertThat(replica.reasons()).contains("state PRE_ACTIVATION -> ACTIVE", "nativeState Creating -> Enabled");
        CryptoAsset corrected = inventory.asset("acme", id(K_MRK, "us-west-2")).orElseThrow();
        assertThat(corrected.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(corrected.replicaOf()).contains(id(K_MRK, "us-east-1"));
    }

    private static String id(String key, String region) {
        return "aws:" + arn(key, region);
    }

    private static List<KeyEvent> events(String resource) throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        try (InputStream in = SweepAgainstEventsTest.class.getResourceAsStream(resource)) {
            Decoders.of(AwsDecoders.all()).read(resource, in, out::add);
        }
        return out.stream().filter(r -> r instanceof DecodedRecord.Event).map(r -> ((DecodedRecord.Event) r).event()).toList();
    }
}
