package io.keyledger.aws.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo sample decodes cleanly and tells the lifecycle it is meant to tell. */
class AwsDemoTest {

    private static final String ARN = "arn:aws:kms:us-east-1:111122223333:key/";

    @Test
    void theDemoFilesIngestWithoutABadRecord() throws IOException {
        MutableClock clock = MutableClock.at("2026-03-05T00:00:00Z");
        InventoryService service = CoreServices.of(new InMemoryInventoryStore(clock), clock,
                CoreSettings.DEFAULTS.withoutAnomalyDetection()).inventory();
        List<DecodedRecord> results = new ArrayList<>();
        for (String file : AwsDemo.sampleFiles()) {
            try (InputStream in = AwsDemo.open(file)) {
                Decoders.of(AwsDecoders.all()).read(file, in, results::add);
            }
        }
        assertThat(results).noneMatch(r -> r instanceof DecodedRecord.Malformed);
        List<KeyEvent> events = results.stream().filter(r -> r instanceof DecodedRecord.Event)
                .map(r -> ((DecodedRecord.Event) r).event()).toList();
        BatchResult applied = service.apply(events);
        assertThat(applied.allAccepted()).isTrue();
        assertThat(events).anyMatch(e -> !e.succeeded());

        CryptoAsset payments = asset(service, "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
        assertThat(payments.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(payments.dates().lastRotatedAt()).isPresent();
        assertThat(payments.usageContext().services()).contains("s3.amazonaws.com");

        CryptoAsset ml = asset(service, "7a2b3c4d-5e6f-4a70-9b8c-0d1e2f3a4b5c");
        assertThat(ml.usageContext().aiServices()).contains("bedrock.amazonaws.com", "sagemaker.amazonaws.com");
        assertThat(ml.usageContext().aiCategories()).contains(AiUsageCategory.TRAINING_DATA, AiUsageCategory.MODEL_ARTIFACTS);
        assertThat(ml.tags()).containsEntry("DataClass", "confidential");

        assertThat(asset(service, "8b3c4d5e-6f70-4b81-8c9d-1e2f3a4b5c6d").state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(asset(service, "ad5e6f70-8192-4da3-8ebf-3a4b5c6d7e8f").nativeState()).isEqualTo("Enabled");
        assertThat(asset(service, "9c4d5e6f-7081-4c92-9dae-2f3a4b5c6d7e").algorithm()).isEqualTo("EC-P256");
    }

    @Test
    void anUnknownDemoFileIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsDemo.open("/nope.json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CryptoAsset asset(InventoryService service, String keyId) {
        return service.asset("default", "aws:" + ARN + keyId).orElseThrow();
    }
}
