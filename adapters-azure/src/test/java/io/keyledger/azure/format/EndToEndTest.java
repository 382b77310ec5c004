package io.keyledger.azure.format;

import static io.keyledger.azure.format.TestRecords.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.core.key.Provider;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The demo's real-format files through the decoders and into the inventory. */
class EndToEndTest {

    private static final String TENANT = "default";
    private static final Decoders DECODERS = Decoders.of(AzureDecoders.all());

    private static KeyRef key(String name) {
        return new KeyRef(Provider.AZURE, SUBSCRIPTION, "contoso-prod-kv", "https://contoso-prod-kv.vault.azure.net/keys/" + name);
    }

    private static List<DecodedRecord> read(String name, InputStream in) throws IOException {
        List<DecodedRecord> out = new ArrayList<>();
        DECODERS.read(name, in, out::add);
        return out;
    }

    private static List<KeyEvent> events(List<DecodedRecord> decoded) {
        return decoded.stream().filter(d -> d instanceof DecodedRecord.Event)
                .map(d -> ((DecodedRecord.Event) d).event()).toList();
    }

    private static List<DecodedRecord> demo() throws IOException {
        List<DecodedRecord> all = new ArrayList<>();
        for (String file : AzureDemo.sampleFiles()) {
            try (InputStream in = AzureDemo.open(file)) {
                all.addAll(read(file, in));
            }
        }
        return all;
    }

    private static InventoryService inventory() {
        MutableClock clock = MutableClock.at("2026-02-01T00:00:00Z");
        return Fixtures.services(new InMemoryInventoryStore(clock), clock, TENANT).inventory();
    }

    private static CryptoAsset asset(InventoryService service, KeyRef ref) {
        return service.asset(TENANT, ref.id()).orElseThrow(() -> new AssertionError("no key " + ref.id()));
    }

    @Test
    void theDemoFilesDecodeWithoutAMalformedRecord() throws IOException {
        List<DecodedRecord> decoded = demo();
        assertThat(decoded).noneMatch(d -> d instanceof DecodedRecord.Malformed);
        assertThat(decoded).filteredOn(d -> d instanceof DecodedRecord.Ignored).hasSize(2);
        assertThat(events(decoded)).hasSize(27);
    }

    @Test
    void theInventoryEndsInTheStatesTheLogsDescribe() throws IOException {
        InventoryService service = inventory();
        BatchResult result = service.apply(events(demo()));
        assertThat(result.allAccepted()).as(result.toString()).isTrue();

        CryptoAsset payments = asset(service, key("payments-cmk"));
        assertThat(payments.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(payments.nativeState()).isEqualTo("enabled");
        assertThat(payments.algorithm()).isEqualTo("RSA-3072");
        assertThat(payments.protection()).isEqualTo(ProtectionLevel.HSM);
        assertThat(payments.tags()).containsEntry("owner", "payments-team");
        assertThat(payments.versions()).extracting(v -> v.versionId())
                .containsExactly("4f1c2b7e9d0a4c3b8e6f5a4d3c2b1a09", "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b");
        assertThat(payments.dates().lastRotatedAt()).contains(Instant.parse("2025-08-02T13:00:01.0102334Z"));
        assertThat(payments.usageContext().services()).contains("Azure Storage");
        assertThat(payments.usageContext().aiUsage()).isFalse();

        CryptoAsset openai = asset(service, key("openai-cmk"));
        assertThat(openai.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(openai.usageContext().aiServices()).containsExactly("Azure AI Services (Azure OpenAI)");
        assertThat(openai.usageContext().aiCategories())
                .containsExactlyInAnyOrder(AiUsageCategory.TENANT_AI_ENVIRONMENT, AiUsageCategory.INFERENCE_LOGS);

        CryptoAsset reporting = asset(service, key("reporting-2023"));
        assertThat(reporting.state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(reporting.nativeState()).isEqualTo("deleted (recoverable until 2025-09-29T09:00:00Z)");
        assertThat(reporting.dates().destructionScheduledAt()).contains(Instant.parse("2025-09-29T09:00:00Z"));

        CryptoAsset legacy = asset(service, key("legacy-signing"));
        assertThat(legacy.state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(legacy.nativeState()).isEqualTo("expired");
        assertThat(legacy.algorithm()).isEqualTo("EC-P256");
        assertThat(legacy.dates().expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));

        CryptoAsset purged = asset(service, key("old-test-key"));
        assertThat(purged.state()).isEqualTo(LifecycleState.DESTROYED);
        assertThat(purged.nativeState()).isEqualTo("purged");

        CryptoAsset hsm = asset(service, new KeyRef(Provider.AZURE, SUBSCRIPTION, "contoso-mhsm",
                "https://contoso-mhsm.managedhsm.azure.net/keys/ml-artifacts"));
        assertThat(hsm.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(hsm.protection()).isEqualTo(ProtectionLevel.HSM);
        assertThat(hsm.usageContext().aiServices()).containsExactly("Azure Machine Learning");
    }

    @Test
    void theHistoryShowsTheDisablesAndTheRefusedDelete() throws IOException {
        InventoryService service = inventory();
        service.apply(events(demo()));

        List<HistoryEntry> reporting = service.history(TENANT, key("reporting-2023").id());
        assertThat(reporting).extracting(h -> h.after().orElseThrow()).containsExactly(LifecycleState.ACTIVE,
                LifecycleState.SUSPENDED, LifecycleState.ACTIVE, LifecycleState.SUSPENDED, LifecycleState.DEACTIVATED);

        List<HistoryEntry> payments = service.history(TENANT, key("payments-cmk").id());
        assertThat(payments).anySatisfy(h -> {
            assertThat(h.stored().event().outcome()).isEqualTo(Outcome.failure("Forbidden",
                    "Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/keys/delete'"));
            assertThat(h.stored().event().actor().principal()).isEqualTo("mallory@contoso.com");
            assertThat(h.after()).contains(LifecycleState.ACTIVE);
        });
    }

    @Test
    void anyDeliveryOrderWithDuplicatesGivesTheSameInventory() throws IOException {
        List<KeyEvent> events = events(demo());
        InventoryService inOrder = inventory();
        inOrder.apply(events);

        List<KeyEvent> shuffled = new ArrayList<>(events);
        shuffled.addAll(events.subList(0, 10));
        Collections.shuffle(shuffled, new Random(7));
        InventoryService mixed = inventory();
        for (int i = 0; i < shuffled.size(); i += 5) {
            mixed.apply(shuffled.subList(i, Math.min(i + 5, shuffled.size())));
        }
        for (String name : List.of("payments-cmk", "openai-cmk", "reporting-2023", "legacy-signing", "old-test-key")) {
            CryptoAsset a = asset(inOrder, key(name));
            CryptoAsset b = asset(mixed, key(name));
            assertThat(b.state()).as(name).isEqualTo(a.state());
            assertThat(b.nativeState()).as(name).isEqualTo(a.nativeState());
            assertThat(b.versions()).as(name).isEqualTo(a.versions());
        }
    }

    @Test
    void aGzippedLogDecodesLikeThePlainOne() throws IOException {
        String file = AzureDemo.sampleFiles().get(0);
        byte[] plain;
        try (InputStream in = AzureDemo.open(file)) {
            plain = in.readAllBytes();
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        List<KeyEvent> fromPlain = events(read("log.json", new ByteArrayInputStream(plain)));
        List<KeyEvent> fromGzip = events(read("log.json.gz", new ByteArrayInputStream(zipped.toByteArray())));

        assertThat(fromGzip).extracting(KeyEvent::eventId).containsExactlyElementsOf(
                fromPlain.stream().map(KeyEvent::eventId).toList());
        assertThat(fromGzip).hasSize(22);
    }

    @Test
    void theDemoAccessorRefusesOtherResources() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AzureDemo.open("/etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
