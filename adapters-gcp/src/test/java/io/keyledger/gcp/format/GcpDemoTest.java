package io.keyledger.gcp.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's sample files are real-format records that tell a small lifecycle. */
class GcpDemoTest {

    private static KeyRef key(String ring, String name) {
        return new KeyRef(Provider.GCP, "acme-analytics", "europe-west1",
                "projects/acme-analytics/locations/europe-west1/keyRings/" + ring + "/cryptoKeys/" + name);
    }

    @Test
    void theSampleFilesDecodeAndTellTheLifecycle() {
        List<KeyEvent> events = new ArrayList<>();
        for (String file : GcpDemo.sampleFiles()) {
            List<DecodedRecord> results = Records.read(file, Records.bytes(file));
            assertThat(results).isNotEmpty().allMatch(DecodedRecord.Event.class::isInstance);
            events.addAll(Records.events(results));
        }
        MutableClock clock = MutableClock.at("2025-07-01T00:00:00Z");
        InventoryService inventory = Fixtures.services(new InMemoryInventoryStore(clock), clock, "default").inventory();
        BatchResult result = inventory.apply(events);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.duplicates()).isEqualTo(1);

        CryptoAsset warehouse = inventory.asset("default", key("analytics", "warehouse").id()).orElseThrow();
        assertThat(warehouse.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(warehouse.versions()).extracting(v -> v.versionId() + " " + v.nativeState())
                .containsExactly("1 DISABLED", "2 ENABLED");
        assertThat(warehouse.usageContext().aiServices()).containsExactly("aiplatform.googleapis.com");
        assertThat(warehouse.usageContext().services()).contains("bigquery.googleapis.com");
        assertThat(warehouse.tags()).containsEntry("keyledger-ai-usage", "training-data");

        assertThat(inventory.asset("default", key("signing", "release-signer").id()).orElseThrow().state())
                .isEqualTo(LifecycleState.ACTIVE);
        CryptoAsset legacy = inventory.asset("default", key("analytics", "legacy-reports").id()).orElseThrow();
        assertThat(legacy.state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(legacy.nativeState()).isEqualTo("DESTROY_SCHEDULED");
        assertThat(events).anyMatch(e -> !e.succeeded());
    }
}
