package io.keyledger.aws.format;

import static io.keyledger.aws.format.AwsTestRecords.K1;
import static io.keyledger.aws.format.AwsTestRecords.K_EXT;
import static io.keyledger.aws.format.AwsTestRecords.K_HSM;
import static io.keyledger.aws.format.AwsTestRecords.K_MRK;
import static io.keyledger.aws.format.AwsTestRecords.arn;
import static io.keyledger.aws.format.AwsTestRecords.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Whole inputs through the registry and into the inventory: the states the keys end up in. */
class EndToEndIngestTest {

    private static final String LOG = "logs/111122223333_CloudTrail_us-east-1_20260115T0905Z_a1b2c3d4e5f6g7h8.json";
    private static final String TENANT = "acme";

    private final MutableClock clock = MutableClock.at("2026-08-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final InventoryService service = CoreServices.of(store, clock, CoreSettings.DEFAULTS
            .withTenants(new TenantMapping(Map.of("aws:111122223333", TENANT), "default"))
            .withoutAnomalyDetection()).inventory();

    @Test
    void aCloudTrailLogFileBuildsTheInventory() throws IOException {
        List<DecodedRecord> results = read(LOG);
        BatchResult applied = service.apply(events(results));

        assertThat(applied.allAccepted()).isTrue();
        assertThat(results).filteredOn(r -> r instanceof DecodedRecord.Ignored).hasSize(5);

        CryptoAsset payments = asset(arn(K1));
        assertThat(payments.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(payments.nativeState()).isEqualTo("Enabled");
        assertThat(payments.algorithm()).isEqualTo("AES-256");
        assertThat(payments.kind()).isEqualTo(KeyKind.SYMMETRIC);
        assertThat(payments.protection()).isEqualTo(ProtectionLevel.HSM);
        assertThat(payments.aliases()).containsExactly("alias/payments");
        assertThat(payments.tags()).containsEntry("Owner", "payments").containsEntry("CostCenter", "cc-4711");
        assertThat(payments.rotation().enabled()).isTrue();
        assertThat(payments.rotation().period()).contains(Duration.ofDays(180));
        assertThat(payments.dates().createdAt()).contains(Instant.parse("2026-01-15T09:00:00Z"));
        assertThat(payments.usageContext().services()).contains("s3.amazonaws.com", "bedrock.amazonaws.com");
        assertThat(payments.usageContext().aiServices()).containsExactly("bedrock.amazonaws.com");
        assertThat(payments.usageContext().aiCategories()).contains(AiUsageCategory.TRAINING_DATA,
                AiUsageCategory.VECTOR_STORE, AiUsageCategory.INFERENCE_LOGS);
        assertThat(service.history(TENANT, "aws:" + arn(K1))).extracting(h -> h.stored().event().source().operation())
                .containsExactly("CreateKey", "CreateAlias", "PutKeyPolicy", "TagResource", "EnableKeyRotation",
                        "DisableKey", "EnableKey");

        CryptoAsset imported = asset(arn(K_EXT));
        assertThat(imported.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(imported.nativeState()).isEqualTo("Enabled");
        assertThat(imported.origin()).isEqualTo(KeyOrigin.IMPORTED);
        assertThat(imported.dates().expiresAt()).contains(Instant.parse("2026-07-15T00:00:00Z"));

        CryptoAsset primary = asset(arn(K_MRK));
        assertThat(primary.state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(primary.nativeState()).isEqualTo("PendingReplicaDeletion");
        assertThat(primary.multiRegion()).isTrue();

        CryptoAsset replica = asset(arn(K_MRK, "us-west-2"));
        assertThat(replica.ref().location()).isEqualTo("us-west-2");
        assertThat(replica.state()).isEqualTo(LifecycleState.PRE_ACTIVATION);
        assertThat(replica.nativeState()).isEqualTo("Creating");
        assertThat(replica.replicaOf()).contains("aws:" + arn(K_MRK));
    }

    @Test
    void theGzipLogFileGivesTheSameEventsAndARedeliveryChangesNothing() throws IOException {
        List<KeyEvent> plain = events(read(LOG));
        List<KeyEvent> gzip = events(read(LOG + ".gz"));
        assertThat(gzip).isEqualTo(plain.stream().map(e -> withLocation(e, gzip)).toList());

        service.apply(plain);
        CryptoAsset before = asset(arn(K1));
        BatchResult again = service.apply(gzip);
        assertThat(again.rejected()).isEmpty();
        // uses are merged into a rollup, idempotently, rather than stored: only the others count as duplicates
        assertThat(again.duplicates()).isEqualTo(gzip.stream().filter(e -> e.action() != Action.USE).count());
        assertThat(asset(arn(K1))).isEqualTo(before);

        BatchResult viaEventBridge = service.apply(events(read("eventbridge/api-call-DisableKey.json")));
        BatchResult viaSqs = service.apply(events(read("sqs/eventbridge-body.json")));
        assertThat(viaEventBridge.duplicates()).isEqualTo(1);
        assertThat(viaSqs.duplicates()).isEqualTo(1);
    }

    @Test
    void scheduledDeletionCancelledThenScheduledAgainAndDeleted() throws IOException {
        service.apply(events(read("cloudtrail/CreateKey.json")));
        service.apply(events(read("cloudtrail/ScheduleKeyDeletion.json")));
        assertThat(asset(arn(K1)).state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(asset(arn(K1)).dates().destructionScheduledAt()).contains(Instant.parse("2026-02-09T12:00:00Z"));

        service.apply(events(read("cloudtrail/CancelKeyDeletion.json")));
        assertThat(asset(arn(K1)).state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(asset(arn(K1)).nativeState()).isEqualTo("Disabled");
        assertThat(asset(arn(K1)).dates().destructionScheduledAt()).isEmpty();

        // KMS reports the deletion twice: the CloudTrail service event and its own EventBridge event
        service.apply(events(read("eventbridge/kms-cmk-deletion.json")));
        service.apply(events(read("cloudtrail/DeleteKey.json")));
        assertThat(asset(arn(K1)).state()).isEqualTo(LifecycleState.DESTROYED);
        assertThat(asset(arn(K1)).dates().destroyedAt()).hasValueSatisfying(at -> assertThat(at)
                .isBetween(Instant.parse("2026-02-09T12:00:00Z"), Instant.parse("2026-02-09T12:00:03Z")));
    }

    @Test
    void importedMaterialExpiresAndTheKeyAwaitsNewMaterial() throws IOException {
        service.apply(events(read("cloudtrail/CreateKey-external.json")));
        assertThat(asset(arn(K_EXT)).state()).isEqualTo(LifecycleState.PRE_ACTIVATION);
        service.apply(events(read("cloudtrail/ImportKeyMaterial.json")));
        assertThat(asset(arn(K_EXT)).state()).isEqualTo(LifecycleState.ACTIVE);
        service.apply(events(read("eventbridge/kms-imported-key-material-expiration.json")));
        service.apply(events(read("cloudtrail/DeleteExpiredKeyMaterial.json")));

        assertThat(asset(arn(K_EXT)).state()).isEqualTo(LifecycleState.PRE_ACTIVATION);
        assertThat(asset(arn(K_EXT)).nativeState()).isEqualTo("PendingImport");
    }

    @Test
    void aDisconnectedKeyStoreMakesItsKeysUnavailableUntilItIsConnectedAgain() throws IOException {
        service.apply(events(read("cloudtrail/CreateKey-cloudhsm.json")));
        service.applyKeyStoreChange(keyStoreChange(read("cloudtrail/DisconnectCustomKeyStore.json")));
        assertThat(asset(arn(K_HSM)).state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(asset(arn(K_HSM)).nativeState()).isEqualTo("Unavailable");

        ObjectNode reconnect = (ObjectNode) json("cloudtrail/ConnectCustomKeyStore.json").deepCopy();
        reconnect.put("eventTime", "2026-05-02T08:00:00Z");
        reconnect.put("eventID", "c0ffee00-0000-4000-8000-000000000001");
        List<DecodedRecord> results = new ArrayList<>();
        Decoders.of(AwsDecoders.all()).decode(reconnect, new RecordLocation("reconnect.json", 1, ""), results::add);
        service.applyKeyStoreChange(keyStoreChange(results));

        assertThat(asset(arn(K_HSM)).state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(asset(arn(K_HSM)).nativeState()).isEqualTo("Enabled");
    }

    @Test
    void aReplicaAndItsPrimarySwapRolesWhenThePrimaryRegionChanges() throws IOException {
        service.apply(events(read("cloudtrail/CreateKey-multiregion.json")));
        service.apply(events(read("cloudtrail/ReplicateKey.json")));
        service.apply(events(read("cloudtrail/UpdatePrimaryRegion.json")));

        assertThat(asset(arn(K_MRK)).replicaOf()).contains("aws:" + arn(K_MRK, "us-west-2"));
        assertThat(asset(arn(K_MRK, "us-west-2")).replicaOf()).isEmpty();
    }

    private CryptoAsset asset(String keyArn) {
        return service.asset(TENANT, "aws:" + keyArn).orElseThrow(() -> new AssertionError("no asset " + keyArn));
    }

    private static DecodedRecord.KeyStoreChange keyStoreChange(List<DecodedRecord> results) {
        assertThat(results).singleElement().isInstanceOf(DecodedRecord.KeyStoreChange.class);
        return (DecodedRecord.KeyStoreChange) results.get(0);
    }

    private static List<KeyEvent> events(List<DecodedRecord> results) {
        return AwsTestRecords.events(results);
    }

    /** The gzip file's events differ from the plain file's only in the file name of their source. */
    private static KeyEvent withLocation(KeyEvent e, List<KeyEvent> like) {
        KeyEvent other = like.stream().filter(o -> o.dedupKey().equals(e.dedupKey())).findFirst().orElseThrow();
        return new KeyEvent(e.eventId(), e.eventTime(), e.action(), e.key(), e.versionId(), e.actor(), e.outcome(),
                e.attributes(), other.source());
    }

    private static List<DecodedRecord> read(String resource) throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        try (InputStream in = EndToEndIngestTest.class.getResourceAsStream("/aws/" + resource)) {
            Decoders.of(AwsDecoders.all()).read(resource, in, out::add);
        }
        return out;
    }
}
