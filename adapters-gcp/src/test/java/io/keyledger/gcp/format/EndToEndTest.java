package io.keyledger.gcp.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.AiUsageCategory;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A whole Cloud KMS audit log (a log sink's export, plain and gzip) read through the decoders and applied
 * to an inventory: the keys end in the states the log tells.
 */
class EndToEndTest {

    private static final String TENANT = "acme";

    private final MutableClock clock = MutableClock.at("2026-05-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final InventoryService inventory = Fixtures.services(store, clock, TENANT).inventory();

    private static List<DecodedRecord> readLog(String resource, boolean gzip) {
        byte[] bytes = Records.bytes(resource);
        return Records.read(resource, gzip ? gzip(bytes) : bytes);
    }

    private CryptoAsset asset(KeyRef ref) {
        return inventory.asset(TENANT, ref.id()).orElseThrow(() -> new AssertionError("no key " + ref.id()));
    }

    @Test
    void aPlainLogGivesTheKeysTheirStates() {
        List<DecodedRecord> results = readLog("gcp/logs/kms-audit.jsonl", false);
        assertThat(results).noneMatch(DecodedRecord.Malformed.class::isInstance);
        assertThat(results).filteredOn(DecodedRecord.Ignored.class::isInstance).hasSize(4);
        BatchResult result = inventory.apply(Records.events(results));
        assertThat(result.rejected()).isEmpty();
        assertFinalStates();
    }

    @Test
    void aGzipLogGivesTheSame() {
        BatchResult result = inventory.apply(Records.events(readLog("gcp/logs/kms-audit.jsonl", true)));
        assertThat(result.rejected()).isEmpty();
        assertFinalStates();
    }

    @Test
    void theSameEntriesThroughPubSubAndInAnyOrderChangeNothing() {
        List<KeyEvent> log = Records.events(readLog("gcp/logs/kms-audit.jsonl", false));
        List<KeyEvent> pushed = Records.events(readLog("gcp/logs/kms-audit-pubsub.jsonl", false));
        assertThat(pushed).hasSize(4);
        List<KeyEvent> shuffled = new ArrayList<>(log);
        shuffled.addAll(pushed);
        Collections.shuffle(shuffled, new Random(20260425));
        BatchResult result = inventory.apply(shuffled);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.duplicates()).isEqualTo(3);
        assertFinalStates();
    }

    private void assertFinalStates() {
        CryptoAsset card = asset(CloudKmsOperationsTest.CARD_DATA);
        assertThat(card.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(card.nativeState()).isEqualTo("ENABLED");
        assertThat(card.versions()).containsExactly(
                new KeyVersion("1", LifecycleState.DEACTIVATED, "DESTROY_SCHEDULED",
                        Optional.of(Instant.parse("2026-01-12T09:14:03.512734118Z"))),
                new KeyVersion("2", LifecycleState.ACTIVE, "ENABLED",
                        Optional.of(Instant.parse("2026-04-12T09:14:05.002917443Z"))));
        assertThat(card.kind()).isEqualTo(KeyKind.SYMMETRIC);
        assertThat(card.algorithm()).isEqualTo("AES-256");
        assertThat(card.protection()).isEqualTo(ProtectionLevel.HSM);
        assertThat(card.tags()).containsEntry("team", "payments").containsEntry("keyledger-ai-usage", "training-data");
        assertThat(card.rotation().enabled()).isTrue();
        assertThat(card.dates().lastRotatedAt()).contains(Instant.parse("2026-04-12T09:14:05.002917443Z"));
        assertThat(card.dates().destructionScheduledAt()).contains(Instant.parse("2026-05-25T17:11:02.921054Z"));
        assertThat(card.usageContext().services()).contains("storage.googleapis.com", "bigquery.googleapis.com",
                "aiplatform.googleapis.com");
        assertThat(card.usageContext().aiServices()).containsExactly("aiplatform.googleapis.com");
        assertThat(card.usageContext().aiCategories()).containsExactly(AiUsageCategory.TRAINING_DATA);

        CryptoAsset signer = asset(CloudKmsOperationsTest.SIGNER);
        assertThat(signer.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(signer.nativeState()).isEqualTo("ENABLED");
        assertThat(signer.versions()).extracting(KeyVersion::versionId, KeyVersion::nativeState)
                .containsExactly(tuple("1", "ENABLED"),
                        tuple("2", "PENDING_GENERATION"));
        assertThat(signer.kind()).isEqualTo(KeyKind.ASYMMETRIC);

        CryptoAsset byok = asset(CloudKmsOperationsTest.BYOK);
        assertThat(byok.state()).isEqualTo(LifecycleState.PRE_ACTIVATION);
        assertThat(byok.nativeState()).isEqualTo("PENDING_IMPORT");
        assertThat(byok.origin()).isEqualTo(KeyOrigin.IMPORTED);
        assertThat(byok.versions()).extracting(KeyVersion::state)
                .containsExactly(LifecycleState.PRE_ACTIVATION, LifecycleState.DESTROYED);

        assertThat(inventory.history(TENANT, CloudKmsOperationsTest.CARD_DATA.id()))
                .anySatisfy(h -> assertThat(h.stored().event().succeeded()).isFalse());
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
