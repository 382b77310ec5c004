package io.keyledger.gcp.cloudkms;

import static io.keyledger.gcp.cloudkms.GoogleCloudFakes.CREATED;
import static io.keyledger.gcp.cloudkms.GoogleCloudFakes.LOCATION;
import static io.keyledger.gcp.cloudkms.GoogleCloudFakes.PROJECT;
import static io.keyledger.gcp.cloudkms.GoogleCloudFakes.key;
import static io.keyledger.gcp.cloudkms.GoogleCloudFakes.ts;
import static io.keyledger.gcp.cloudkms.GoogleCloudFakes.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.kms.inventory.v1.ProtectedResourcesSummary;
import com.google.cloud.kms.v1.CryptoKey;
import com.google.cloud.kms.v1.CryptoKeyVersion;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionState;
import com.google.cloud.kms.v1.ProtectionLevel;
import com.google.protobuf.Duration;
import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.PacedKeySource;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.ThrottledException;
import io.keyledger.gcp.format.GoogleProtectionLevel;
import io.keyledger.gcp.format.GoogleVersionState;
import io.keyledger.gcp.format.KeyAlgorithms;
import io.keyledger.gcp.format.KeyPurpose;
import io.keyledger.testkit.sweep.AllPages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live Cloud KMS key source against the in-process fake that the real client talks to. */
class CloudKmsKeySourceTest {

    private final GoogleCloudFakes google = new GoogleCloudFakes();
    private final CloudKmsSweepOptions options = CloudKmsSweepOptions.defaults();

    @AfterEach
    void close() {
        google.close();
    }

    @Test
    void everyVersionStateTheApiHasMapsAsTheDecodersMapIt() {
        // GIVEN a key with one version in each state Cloud KMS has
        String ring = google.kms.keyRing(PROJECT, LOCATION, "states");
        List<CryptoKeyVersion> versions = new ArrayList<>();
        int n = 0;
        for (CryptoKeyVersionState s : CryptoKeyVersionState.values()) {
            if (s == CryptoKeyVersionState.CRYPTO_KEY_VERSION_STATE_UNSPECIFIED || s == CryptoKeyVersionState.UNRECOGNIZED) {
                continue;
            }
            versions.add(version(Integer.toString(++n), s, CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION,
                    ProtectionLevel.HSM, CREATED.plusSeconds(n)));
        }
        google.kms.cryptoKey(ring, "k", key(CryptoKey.CryptoKeyPurpose.ENCRYPT_DECRYPT,
                CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION, ProtectionLevel.HSM), versions, Optional.empty());

        // WHEN it is listed
        ObservedKey k = AllPages.of(google.source(options)).get(0);

        // THEN every version is there with the decoders' lifecycle state and Google's own state beside it
        assertThat(k.versions()).hasSize(versions.size());
        for (int i = 0; i < versions.size(); i++) {
            CryptoKeyVersion v = versions.get(i);
            KeyVersion observed = k.versions().get(i);
            GoogleVersionState mapped = GoogleVersionState.parse(v.getState().name()).orElseThrow(() ->
                    new AssertionError("no mapping for the API's state " + v.getState()));
            assertThat(observed.versionId()).isEqualTo(Integer.toString(i + 1));
            assertThat(observed.state()).isEqualTo(mapped.lifecycle());
            assertThat(observed.nativeState()).isEqualTo(v.getState().name());
            assertThat(observed.createdAt()).contains(CREATED.plusSeconds(i + 1));
        }
        assertThat(k.attribute(KeyAttribute.STATE)).contains("ACTIVE");
        assertThat(k.attribute(KeyAttribute.PROTECTION)).contains("HSM");
        assertThat(k.attribute(KeyAttribute.OBSERVATION)).contains("FULL");
    }

    @Test
    void everyAlgorithmPurposeAndProtectionLevelMapsAsTheDecodersMapThem() {
        String ring = google.kms.keyRing(PROJECT, LOCATION, "algorithms");
        List<CryptoKeyVersionAlgorithm> algorithms = new ArrayList<>();
        for (CryptoKeyVersionAlgorithm a : CryptoKeyVersionAlgorithm.values()) {
            if (a != CryptoKeyVersionAlgorithm.CRYPTO_KEY_VERSION_ALGORITHM_UNSPECIFIED
                    && a != CryptoKeyVersionAlgorithm.UNRECOGNIZED) {
                algorithms.add(a);
            }
        }
        List<CryptoKey.CryptoKeyPurpose> purposes = List.of(CryptoKey.CryptoKeyPurpose.values()).stream()
                .filter(p -> p != CryptoKey.CryptoKeyPurpose.CRYPTO_KEY_PURPOSE_UNSPECIFIED
                        && p != CryptoKey.CryptoKeyPurpose.UNRECOGNIZED).toList();
        List<ProtectionLevel> levels = List.of(ProtectionLevel.values()).stream()
                .filter(p -> p != ProtectionLevel.PROTECTION_LEVEL_UNSPECIFIED && p != ProtectionLevel.UNRECOGNIZED).toList();
        for (int i = 0; i < algorithms.size(); i++) {
            CryptoKeyVersionAlgorithm a = algorithms.get(i);
            CryptoKey.CryptoKeyPurpose purpose = purposes.get(i % purposes.size());
            ProtectionLevel level = levels.get(i % levels.size());
            google.kms.cryptoKey(ring, String.format("k%03d", i), key(purpose, a, level),
                    List.of(version("1", CryptoKeyVersionState.ENABLED, a, level, CREATED)), Optional.of("1"));
        }

        List<ObservedKey> keys = AllPages.of(google.source(options.withPageSizes(7, 100, 1000)));

        assertThat(keys).hasSize(algorithms.size());
        for (int i = 0; i < algorithms.size(); i++) {
            ObservedKey k = keys.get(i);
            CryptoKeyVersionAlgorithm a = algorithms.get(i);
            CryptoKey.CryptoKeyPurpose purpose = purposes.get(i % purposes.size());
            ProtectionLevel level = levels.get(i % levels.size());
            assertThat(k.attribute(KeyAttribute.ALGORITHM)).as(a.name()).contains(KeyAlgorithms.normalise(a.name()));
            assertThat(k.attribute(KeyAttribute.NATIVE_SPEC)).contains(a.name());
            KeyPurpose p = KeyPurpose.parse(purpose.name()).orElseThrow(() -> new AssertionError("no purpose " + purpose));
            assertThat(k.attribute(KeyAttribute.KIND)).contains(p.kind().name());
            assertThat(k.attribute(KeyAttribute.KEY_USAGE)).contains(p.usage().name());
            GoogleProtectionLevel g = GoogleProtectionLevel.parse(level.name())
                    .orElseThrow(() -> new AssertionError("no protection level " + level));
            assertThat(k.attribute(KeyAttribute.PROTECTION)).contains(g.protection().name());
            assertThat(k.attribute(KeyAttribute.ORIGIN)).contains(g.origin().name());
        }
    }

    @Test
    void rotationLabelsImportDatesAndDestructionAreRead() {
        String ring = google.kms.keyRing(PROJECT, LOCATION, "ring");
        Instant rotated = CREATED.plusSeconds(90L * 86400);
        CryptoKey rotating = key(CryptoKey.CryptoKeyPurpose.ENCRYPT_DECRYPT,
                CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION, ProtectionLevel.SOFTWARE).toBuilder()
                .setRotationPeriod(Duration.newBuilder().setSeconds(90L * 86400)).setNextRotationTime(ts(rotated.plusSeconds(90L * 86400)))
                .putLabels("team", "payments").putLabels("env", "prod").build();
        google.kms.cryptoKey(ring, "rotating", rotating, List.of(
                version("1", CryptoKeyVersionState.DESTROY_SCHEDULED, CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION,
                        ProtectionLevel.SOFTWARE, CREATED).toBuilder().setDestroyTime(ts(CREATED.plusSeconds(400L * 86400))).build(),
                version("2", CryptoKeyVersionState.ENABLED, CryptoKeyVersionAlgorithm.GOOGLE_SYMMETRIC_ENCRYPTION,
                        ProtectionLevel.SOFTWARE, rotated)), Optional.of("2"));
        google.kms.cryptoKey(ring, "imported", key(CryptoKey.CryptoKeyPurpose.ASYMMETRIC_SIGN,
                        CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256, ProtectionLevel.HSM).toBuilder().setImportOnly(true).build(),
                List.of(version("1", CryptoKeyVersionState.ENABLED, CryptoKeyVersionAlgorithm.EC_SIGN_P256_SHA256,
                        ProtectionLevel.HSM, CREATED).toBuilder().setImportJob(ring + "/importJobs/job")
                        .setImportTime(ts(CREATED)).build()), Optional.empty());

        List<ObservedKey> keys = AllPages.of(google.source(options));

        ObservedKey imported = keys.get(0);
        ObservedKey rot = keys.get(1);
        assertThat(imported.attribute(KeyAttribute.ORIGIN)).contains("IMPORTED");
        assertThat(imported.attribute(KeyAttribute.ALGORITHM)).contains("EC-P256");
        assertThat(rot.attribute(KeyAttribute.ROTATION_PERIOD)).contains("P90D");
        assertThat(rot.attribute(KeyAttribute.ROTATION_ENABLED)).contains("true");
        assertThat(rot.attribute(KeyAttribute.LAST_ROTATED_AT)).contains(rotated.toString());
        assertThat(rot.attribute(KeyAttribute.CREATED_AT)).contains(CREATED.toString());
        assertThat(rot.attributes()).containsEntry("tag.team", "payments").containsEntry("tag.env", "prod");
        assertThat(rot.versions()).extracting(KeyVersion::nativeState).containsExactly("DESTROY_SCHEDULED", "ENABLED");
        assertThat(rot.ref()).isEqualTo(new KeyRef(Provider.GCP, PROJECT, LOCATION, ring + "/cryptoKeys/rotating"));
    }

    @Test
    void pagesOfKeyRingsAndKeysAreFollowedAndTheCursorResumesInAnotherSource() {
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            String ring = google.kms.keyRing(PROJECT, LOCATION, "ring-" + r);
            for (int k = 0; k < 5; k++) {
                google.symmetricKey(ring, "key-" + k);
                ids.add("gcp:" + ring + "/cryptoKeys/key-" + k);
            }
        }
        google.kms.keyRing(PROJECT, LOCATION, "ring-3-empty");
        CloudKmsSweepOptions small = options.withPageSizes(2, 2, 1);

        List<String> seen = new ArrayList<>();
        KeyListing first = google.source(small).list(Optional.empty());
        first.keys().forEach(k -> seen.add(k.ref().id()));
        Optional<String> cursor = first.nextCursor();
        int pages = 1;
        while (cursor.isPresent()) {
            // a new source for each page: as a later invocation would resume
            KeyListing page = google.source(small).list(cursor);
            page.keys().forEach(k -> seen.add(k.ref().id()));
            cursor = page.nextCursor();
            pages++;
        }

        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3 * 3 + 1);
        assertThat(google.apis.calledMethods()).contains("ListKeyRings", "ListCryptoKeys", "ListCryptoKeyVersions");
    }

    @Test
    void aDeniedKeyRingDoesNotStopTheOthersAndEndsTheListingPartialWithACursorToRetryIt() {
        String open = google.kms.keyRing(PROJECT, LOCATION, "a-open");
        String closed = google.kms.keyRing(PROJECT, LOCATION, "b-closed");
        String after = google.kms.keyRing(PROJECT, LOCATION, "c-after");
        google.symmetricKey(open, "k1");
        google.symmetricKey(closed, "k2");
        google.symmetricKey(after, "k3");
        google.kms.deny("ListCryptoKeys", closed, "cloudkms.cryptoKeys.list");
        CloudKmsKeySource source = google.source(options);

        List<ObservedKey> keys = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        KeyRingsDeniedException denied = null;
        while (true) {
            try {
                KeyListing page = source.list(cursor);
                keys.addAll(page.keys());
                if (page.nextCursor().isEmpty()) {
                    break;
                }
                cursor = page.nextCursor();
            } catch (KeyRingsDeniedException e) {
                denied = e;
                break;
            }
        }

        assertThat(keys).extracting(k -> k.ref().nativeId()).containsExactly(open + "/cryptoKeys/k1", after + "/cryptoKeys/k3");
        assertThat(denied).isNotNull();
        assertThat(denied.rings()).containsExactly("b-closed");
        assertThat(denied.getMessage()).contains("b-closed", "PERMISSION_DENIED", "cloudkms.cryptoKeys.list");

        // a later run, once access is granted, lists only the ring it could not, and ends
        google.kms.allow("ListCryptoKeys", closed);
        KeyListing retry = google.source(options).list(cursor);
        assertThat(retry.keys()).extracting(k -> k.ref().nativeId()).containsExactly(closed + "/cryptoKeys/k2");
        assertThat(retry.nextCursor()).isEmpty();
    }

    @Test
    void aKeyWhoseVersionsAreDeniedIsPartiallyObservedAndADirectReadSaysWhatItCould() {
        String ring = google.kms.keyRing(PROJECT, LOCATION, "ring");
        String k1 = google.symmetricKey(ring, "k1");
        google.kms.deny("ListCryptoKeyVersions", k1, "cloudkms.cryptoKeyVersions.list");
        CloudKmsKeySource source = google.source(options);

        ObservedKey listed = AllPages.of(source).get(0);
        Optional<ObservedKey> unknown = source.describe(new KeyRef(Provider.GCP, PROJECT, LOCATION, ring + "/cryptoKeys/nope"));
        String k2 = google.symmetricKey(ring, "k2");
        google.kms.deny("GetCryptoKey", k2, "cloudkms.cryptoKeys.get");
        Optional<ObservedKey> deniedRead = source.describe(new KeyRef(Provider.GCP, PROJECT, LOCATION, k2));

        assertThat(listed.unreadable()).hasValueSatisfying(r -> assertThat(r).contains("PERMISSION_DENIED",
                "cloudkms.cryptoKeyVersions.list"));
        assertThat(listed.attribute(KeyAttribute.OBSERVATION)).contains("PARTIAL");
        assertThat(listed.attribute(KeyAttribute.STATE)).contains("ACTIVE");
        assertThat(unknown).isEmpty();
        assertThat(deniedRead).hasValueSatisfying(k -> assertThat(k.unreadable()).isPresent());
    }

    @Test
    void throttledReadsAreRetriedWithBackoffAndThePageGoesOnWhereItStopped() {
        String ring = google.kms.keyRing(PROJECT, LOCATION, "ring");
        for (int i = 0; i < 10; i++) {
            google.symmetricKey(ring, String.format("k%02d", i));
        }
        // another caller spent the project's quota 50 s ago, bar five reads: the window frees in 10 s
        google.kms.spendReads(PROJECT, FakeKmsQuota.LIMIT - 5);
        google.clock.advance(java.time.Duration.ofSeconds(50));
        CloudKmsKeySource source = google.source(options);
        PacedKeySource paced = new PacedKeySource(source, new io.keyledger.core.sweep.PacingQuota(options.pacing(),
                google.clock), google.sleeper, new Random(3));

        List<ObservedKey> keys = AllPages.of(paced);

        assertThat(keys).hasSize(10);
        assertThat(source.throttled()).isPositive();
        assertThat(google.kms.throttled()).isEqualTo(source.throttled());
        assertThat(paced.stats().retries()).isEqualTo(source.throttled());
        long sent = source.requests().values().stream().mapToLong(Long::longValue).sum();
        assertThat(sent).as("each read once, and each throttled one again").isEqualTo(1 + 1 + 10 + source.throttled());
        assertThat(source.requests()).containsEntry("ListKeyRings", 1L);
    }

    @Test
    void aThrottledReadPastTheRetryBudgetFailsTheCallWithoutLosingThePage() {
        String ring = google.kms.keyRing(PROJECT, LOCATION, "ring");
        google.symmetricKey(ring, "k1");
        google.kms.readsPerMinute(PROJECT, 1);
        CloudKmsKeySource source = google.source(options);
        google.kms.spendReads(PROJECT, 1);

        assertThatThrownBy(() -> source.list(Optional.empty())).isInstanceOf(ThrottledException.class)
                .hasMessageContaining("RESOURCE_EXHAUSTED");
    }

    @Test
    void pacedToHalfTheDocumentedQuotaASweepIsNeverThrottled() {
        for (int r = 0; r < 4; r++) {
            String ring = google.kms.keyRing(PROJECT, LOCATION, "ring-" + r);
            for (int k = 0; k < 50; k++) {
                google.symmetricKey(ring, "k" + k);
            }
        }
        CloudKmsKeySource source = google.source(options);
        Instant start = google.clock.instant();

        List<ObservedKey> keys = AllPages.of(source);

        long reads = source.requests().values().stream().mapToLong(Long::longValue).sum();
        java.time.Duration took = java.time.Duration.between(start, google.clock.instant());
        assertThat(keys).hasSize(200);
        assertThat(google.kms.throttled()).isZero();
        assertThat(reads).isEqualTo(1 + 4 + 200);
        // 2.5 reads a second: half of 300 a minute
        assertThat((double) reads / took.toSeconds()).isLessThanOrEqualTo(PacingPolicy.GCP_READS_PER_MINUTE / 60.0 / 2 + 0.05);
        assertThat(google.kms.readsInLastMinute(PROJECT)).isLessThanOrEqualTo(PacingPolicy.GCP_READS_PER_MINUTE / 2 + 1);
    }

    @Test
    void protectedResourcesAreAskedOfKmsInventoryAndBecomeTheKeysUsage() {
        String ring = google.kms.keyRing(PROJECT, LOCATION, "ring");
        String k1 = google.symmetricKey(ring, "k1");
        String k2 = google.symmetricKey(ring, "k2");
        google.kms.protectedResources(k1, ProtectedResourcesSummary.newBuilder().setResourceCount(4).setProjectCount(2)
                .putResourceTypes("compute.googleapis.com/Disk", 2).putResourceTypes("bigquery.googleapis.com/Dataset", 1)
                .putResourceTypes("aiplatform.googleapis.com/Endpoint", 1)
                .putCloudProducts("compute", 2).putCloudProducts("bigquery", 1).putCloudProducts("vertex-ai", 1)
                .putLocations("europe-west1", 4).build());
        CloudKmsKeySource source = google.source(options.withProtectedResources(true));

        List<ObservedKey> keys = AllPages.of(source);

        assertThat(keys.get(0).attribute(KeyAttribute.USED_BY_SERVICE)).contains("bigquery.googleapis.com,compute.googleapis.com");
        assertThat(keys.get(0).attribute(KeyAttribute.USED_BY_AI_SERVICE)).contains("aiplatform.googleapis.com");
        ProtectedResources summary = source.protectedResources(keys.get(0).ref()).orElseThrow();
        assertThat(summary.resourceCount()).isEqualTo(4);
        assertThat(summary.projectCount()).isEqualTo(2);
        assertThat(summary.cloudProducts()).containsEntry("compute", 2L);
        assertThat(summary.unavailable()).isEmpty();
        assertThat(source.protectedResources(keys.get(1).ref())).hasValueSatisfying(s ->
                assertThat(s.unavailable()).hasValueSatisfying(why -> assertThat(why).contains("NOT_FOUND")));
        assertThat(keys.get(1).attributes()).doesNotContainKey(KeyAttribute.USED_BY_SERVICE.wireName());
        assertThat(source.operations()).extracting(o -> o.name()).contains("GetProtectedResourcesSummary");
        assertThat(google.source(options).operations()).extracting(o -> o.name())
                .doesNotContain("GetProtectedResourcesSummary");
        google.kms.outsideOrganisation(PROJECT);
        ObservedKey again = google.source(options.withProtectedResources(true)).describe(keys.get(0).ref()).orElseThrow();
        assertThat(again.attributes()).doesNotContainKey(KeyAttribute.USED_BY_SERVICE.wireName());
        assertThat(k2).isNotEmpty();
    }

    @Test
    void aMethodTheSweepDoesNotDeclareIsRefusedBeforeItIsSent() {
        String ring = google.kms.keyRing(PROJECT, LOCATION, "ring");

        assertThatThrownBy(() -> google.clients.kms().getKeyRing(ring))
                .isInstanceOf(UndeclaredOperationException.class).hasMessageContaining("GetKeyRing");
        assertThat(google.apis.calls()).isEmpty();
    }

    /** The fake's default quota, as Cloud KMS documents it. */
    private static final class FakeKmsQuota {
        static final int LIMIT = io.keyledger.testkit.gcp.FakeCloudKms.DEFAULT_READS_PER_MINUTE;
    }
}
