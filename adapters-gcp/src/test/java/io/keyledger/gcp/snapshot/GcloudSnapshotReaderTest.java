package io.keyledger.gcp.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.gcp.format.GcpDecoders;
import io.keyledger.testkit.sweep.SnapshotPaging;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved gcloud listings, read into one key source per project and location. */
class GcloudSnapshotReaderTest {

    private static final String RING = "projects/acme-payments/locations/europe-west1/keyRings/payments";

    private final GcloudSnapshotReader reader = new GcloudSnapshotReader();

    @TempDir
    Path temp;

    private static Path basic() {
        try {
            return Path.of(GcloudSnapshotReaderTest.class.getClassLoader().getResource("snapshot/basic").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyRef payments(String key) {
        return new KeyRef(Provider.GCP, "acme-payments", "europe-west1", RING + "/cryptoKeys/" + key);
    }

    private KeySource source(String project, String location) throws IOException {
        return reader.read(basic()).stream().filter(s -> s.scope().equals(new SweepScope(Provider.GCP, project, location)))
                .findFirst().orElseThrow();
    }

    private ObservedKey key(String name) throws IOException {
        return source("acme-payments", "europe-west1").describe(payments(name)).orElseThrow();
    }

    @Test
    void everyProjectAndLocationIsAScope() throws IOException {
        assertThat(reader.provider()).isEqualTo("gcp");
        assertThat(reader.read(basic())).extracting(s -> s.scope().id())
                .containsExactly("gcp:acme-analytics:us", "gcp:acme-payments:europe-west1", "gcp:acme-payments:global");
        assertThat(source("acme-payments", "global").list(Optional.empty()).keys()).isEmpty();
    }

    @Test
    void aListedKeyWithItsVersionsIsFullyObserved() throws IOException {
        ObservedKey card = key("card-data");
        assertThat(card.unreadable()).isEmpty();
        assertThat(card.attributes()).contains(entry("state", "ACTIVE"), entry("nativeState", "ENABLED"),
                entry("kind", "SYMMETRIC"), entry("keyUsage", "ENCRYPT_DECRYPT"), entry("algorithm", "AES-256"),
                entry("nativeSpec", "GOOGLE_SYMMETRIC_ENCRYPTION"), entry("protection", "HSM"),
                entry("origin", "GENERATED"), entry("manager", "CUSTOMER"), entry("rotation.enabled", "true"),
                entry("rotation.period", "P90D"), entry("tag.team", "payments"),
                entry("tag.keyledger-ai-usage", "training-data"), entry("usage.aiCategory", "TRAINING_DATA"),
                entry("createdAt", "2026-01-12T09:14:03.486921Z"), entry("observation", "FULL"));
        assertThat(card.versions()).containsExactly(
                new KeyVersion("1", LifecycleState.DEACTIVATED, "DESTROY_SCHEDULED",
                        Optional.of(Instant.parse("2026-01-12T09:14:03.486921Z"))),
                new KeyVersion("2", LifecycleState.ACTIVE, "ENABLED",
                        Optional.of(Instant.parse("2026-04-12T09:14:04.975118Z"))));
    }

    @Test
    void aKeyWhoseVersionsAreDeniedIsUnreadableButKept() throws IOException {
        ObservedKey signer = key("release-signer");
        assertThat(signer.unreadable()).hasValueSatisfying(r -> assertThat(r).startsWith("PERMISSION_DENIED: Permission "
                + "'cloudkms.cryptoKeyVersions.list' denied"));
        assertThat(signer.versions()).isEmpty();
        assertThat(signer.attributes()).contains(entry("kind", "ASYMMETRIC"), entry("algorithm", "EC-P256"),
                entry("observation", "PARTIAL")).containsKey("observationNote").doesNotContainKey("state");
    }

    @Test
    void gcloudsOwnErrorLineSavedInsteadOfTheListingMakesTheKeyUnreadable() throws IOException {
        ObservedKey firmware = source("acme-payments", "europe-west1").describe(new KeyRef(Provider.GCP, "acme-payments",
                "europe-west1", "projects/acme-payments/locations/europe-west1/keyRings/signing/cryptoKeys/firmware"))
                .orElseThrow();
        assertThat(firmware.unreadable()).hasValueSatisfying(r -> assertThat(r).startsWith("PERMISSION_DENIED: ERROR: "
                + "(gcloud.kms.keys.versions.list)"));
        assertThat(firmware.attributes()).containsEntry("algorithm", "ML-DSA-65");
    }

    @Test
    void aKeyWithoutVersionsAwaitsItsMaterial() throws IOException {
        ObservedKey byok = key("byok-ledger");
        assertThat(byok.versions()).isEmpty();
        assertThat(byok.attributes()).contains(entry("state", "PRE_ACTIVATION"), entry("origin", "IMPORTED"),
                entry("observation", "FULL")).doesNotContainKey("nativeState");
    }

    @Test
    void aKeyWithoutAVersionsFileIsObservedFromItsPrimaryOnly() throws IOException {
        ObservedKey legacy = key("legacy-tokens");
        assertThat(legacy.ref()).isEqualTo(payments("legacy-tokens"));
        assertThat(legacy.versions()).extracting(KeyVersion::versionId, KeyVersion::state)
                .containsExactly(tuple("1", LifecycleState.SUSPENDED));
        assertThat(legacy.attributes()).contains(entry("state", "SUSPENDED"), entry("nativeState", "DISABLED"),
                entry("observation", "PARTIAL"), entry("protection", "SOFTWARE"), entry("rotation.enabled", "false"))
                .containsEntry("observationNote", "versions not listed; observed from the primary version only");
        assertThat(legacy.unreadable()).isEmpty();
    }

    @Test
    void aKeyWhoseVersionsAreAllDestroyedIsDestroyed() throws IOException {
        ObservedKey retired = key("retired-2025");
        assertThat(retired.attributes()).contains(entry("state", "DESTROYED"), entry("nativeState", "DESTROYED"));
    }

    @Test
    void aScheduledDestructionCarriesItsDate(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("gcp/p1/us/r");
        write(ring.resolve("keys.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/k\", "
                + "\"purpose\": \"ENCRYPT_DECRYPT\"}]");
        write(ring.resolve("versions/k.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/k/"
                + "cryptoKeyVersions/1\", \"state\": \"DESTROY_SCHEDULED\", \"destroyTime\": \"2026-06-01T00:00:00Z\"}]");
        ObservedKey k = reader.read(dir).get(0).list(Optional.empty()).keys().get(0);
        assertThat(k.attributes()).contains(entry("state", "DEACTIVATED"),
                entry("destructionScheduledAt", "2026-06-01T00:00:00Z"));
    }

    @Test
    void externalKeysAndAiLabelsOfAnotherProjectAreReadToo() throws IOException {
        KeySource us = source("acme-analytics", "us");
        ObservedKey embeddings = us.list(Optional.empty()).keys().get(0);
        assertThat(embeddings.attributes()).contains(entry("protection", "EXTERNAL"), entry("origin", "EXTERNAL"),
                entry("usage.aiCategory", "VECTOR_STORE"), entry("rotation.period", "P365D"), entry("state", "ACTIVE"));
    }

    @Test
    void theSnapshotsKeyRefIsTheOneTheDecodersGiveForTheSameKey() throws IOException {
        String entry = read("gcp/entries/CreateCryptoKey.json");
        List<DecodedRecord> out = new ArrayList<>();
        Decoders.of(GcpDecoders.all()).decode(Json.mapper().readTree(entry), new RecordLocation("e.json", 1, ""), out::add);
        KeyEvent created = ((DecodedRecord.Event) out.get(0)).event();
        assertThat(source("acme-payments", "europe-west1").describe(created.key()))
                .hasValueSatisfying(k -> assertThat(k.ref()).isEqualTo(created.key()));
        assertThat(source("acme-payments", "europe-west1").scope())
                .isEqualTo(new SweepScope(Provider.GCP, created.key().accountScope(), created.key().location()));
    }

    @Test
    void describeOfAnUnknownKeyIsEmpty() throws IOException {
        assertThat(source("acme-payments", "europe-west1").describe(payments("never-created"))).isEmpty();
    }

    @Test
    void listingsArePagedByAHundred(@TempDir Path dir) throws IOException {
        StringBuilder keys = new StringBuilder("[");
        for (int i = 0; i < 250; i++) {
            keys.append(i == 0 ? "" : ",").append("{\"name\": \"projects/p1/locations/global/keyRings/r/cryptoKeys/k")
                    .append(String.format("%03d", i)).append("\", \"purpose\": \"MAC\"}");
        }
        write(dir.resolve("gcp/p1/global/r/keys.json"), keys.append("]").toString());
        KeySource source = reader.read(dir).get(0);
        ObservedKey last = SnapshotPaging.pagesOf250(source, "next").get(2).keys().get(49);
        assertThat(last.ref().nativeId()).endsWith("/k249");
        assertThat(last.attributes()).contains(entry("kind", "HMAC"), entry("observation", "PARTIAL"));
        assertThatThrownBy(() -> source.list(Optional.of("251"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDirectoryWithoutGoogleListingsHasNoSources() throws IOException {
        Files.createDirectories(temp.resolve("aws/111122223333/us-east-1"));
        assertThat(reader.read(temp)).isEmpty();
    }

    @Test
    void invalidJsonNamesTheFile() throws IOException {
        Path keys = temp.resolve("gcp/p1/us/r/keys.json");
        write(keys, "[{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/k\", ");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining(keys.toString()).hasMessageContaining("not valid JSON");
    }

    @Test
    void aFailedKeyListingFailsTheRead() throws IOException {
        write(temp.resolve("gcp/p1/us/r/keys.json"), "{\"error\": {\"code\": 403, \"status\": \"PERMISSION_DENIED\", "
                + "\"message\": \"Permission 'cloudkms.cryptoKeys.list' denied\"}}");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("the key listing failed (PERMISSION_DENIED");
    }

    @Test
    void aListedKeyRingWhoseKeysWereNotSavedFailsTheRead() throws IOException {
        write(temp.resolve("gcp/p1/us/keyrings.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r\"}, "
                + "{\"name\": \"projects/p1/locations/us/keyRings/forgotten\"}]");
        write(temp.resolve("gcp/p1/us/r/keys.json"), "[]");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("key ring forgotten is listed but its keys are not");
    }

    @Test
    void aKeyOfAnotherLocationNamesTheField() throws IOException {
        write(temp.resolve("gcp/p1/us/r/keys.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/a\"}, "
                + "{\"name\": \"projects/p1/locations/europe-west1/keyRings/r/cryptoKeys/b\"}]");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("field '[1].name'").hasMessageContaining("not to the directory's p1/us");
    }

    @Test
    void aVersionOfAnotherKeyNamesTheField() throws IOException {
        write(temp.resolve("gcp/p1/us/r/keys.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/a\"}]");
        write(temp.resolve("gcp/p1/us/r/versions/a.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/"
                + "cryptoKeys/b/cryptoKeyVersions/1\", \"state\": \"ENABLED\"}]");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("a.json").hasMessageContaining("field '[0].name'");
    }

    @Test
    void aVersionWithAnUnknownStateNamesTheField() throws IOException {
        write(temp.resolve("gcp/p1/us/r/keys.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/a\"}]");
        write(temp.resolve("gcp/p1/us/r/versions/a.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/"
                + "cryptoKeys/a/cryptoKeyVersions/1\", \"state\": \"SLEEPING\"}]");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("field '[0].state'");
    }

    @Test
    void aWrongTypeInAKeyNamesTheField() throws IOException {
        write(temp.resolve("gcp/p1/us/r/keys.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/a\", "
                + "\"rotationPeriod\": 90}]");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("field '[0].rotationPeriod'").hasMessageContaining("expected a string");
    }

    /** Regression (fuzzing, SnapshotFuzzTestInputs/gcloudListings): a key listed twice failed with "Duplicate key". */
    @Test
    void aKeyListedTwiceNamesTheFieldAndTheFirstPlace() throws IOException {
        write(temp.resolve("gcp/p1/us/r/keys.json"), "[{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/a\"}, "
                + "{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/b\"}, "
                + "{\"name\": \"projects/p1/locations/us/keyRings/r/cryptoKeys/a\"}]");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("field '[2].name'").hasMessageContaining("the key is listed twice (also at [0])");
    }

    @Test
    void anEmptyFileIsNotAnEmptyListing() throws IOException {
        write(temp.resolve("gcp/p1/us/r/keys.json"), "\n");
        assertThatThrownBy(() -> reader.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("empty");
    }

    private static final String KEY_A = "projects/p1/locations/us/keyRings/r/cryptoKeys/a";

    private ObservedKey keyA(String protectedResources) throws IOException {
        write(temp.resolve("gcp/p1/us/r/keys.json"), "[{\"name\": \"" + KEY_A + "\", \"purpose\": \"ENCRYPT_DECRYPT\"}]");
        write(temp.resolve("gcp/p1/us/r/versions/a.json"), "[{\"name\": \"" + KEY_A
                + "/cryptoKeyVersions/1\", \"state\": \"ENABLED\"}]");
        write(temp.resolve("gcp/p1/us/r/protected-resources/a.json"), protectedResources);
        return reader.read(temp).get(0).describe(new KeyRef(Provider.GCP, "p1", "us", KEY_A)).orElseThrow();
    }

    @Test
    void theResourcesTheInventoryApiSaysAKeyProtectsAreItsUsage() throws IOException {
        // gcloud kms inventory search-protected-resources --keyname ... --format=json
        ObservedKey a = keyA("""
                [{"name": "//storage.googleapis.com/projects/_/buckets/acme-exports", "project": "projects/1234",
                  "projectId": "p1", "cloudProduct": "storage", "resourceType": "storage.googleapis.com/Bucket",
                  "location": "us", "cryptoKeyVersion": "%1$s/cryptoKeyVersions/1"},
                 {"name": "//aiplatform.googleapis.com/projects/p1/locations/us-central1/datasets/42",
                  "resourceType": "aiplatform.googleapis.com/Dataset", "cryptoKeyVersions": ["%1$s/cryptoKeyVersions/1"]},
                 {"name": "//compute.googleapis.com/projects/p1/zones/us-east1-b/disks/db, with a comma",
                  "resourceType": "compute.googleapis.com/Disk"}]""".formatted(KEY_A));

        assertThat(a.unreadable()).isEmpty();
        assertThat(a.attributes()).contains(
                entry("usage.resource", "//aiplatform.googleapis.com/projects/p1/locations/us-central1/datasets/42,"
                        + "//storage.googleapis.com/projects/_/buckets/acme-exports"),
                entry("usage.resourceCount", "3"),
                entry("usage.service", "compute.googleapis.com,storage.googleapis.com"),
                entry("usage.aiService", "aiplatform.googleapis.com"));
    }

    @Test
    void theProtectedResourcesSummaryCountsThemAndNamesTheirServices() throws IOException {
        // gcloud kms inventory get-protected-resources-summary --keyname ... --format=json
        ObservedKey a = keyA("""
                {"name": "%s/protectedResourcesSummary", "resourceCount": "1250", "projectCount": 7,
                 "resourceTypes": {"bigquery.googleapis.com/Table": "1200", "compute.googleapis.com/Disk": "50"},
                 "cloudProducts": {"bigquery": "1200", "compute": "50"}, "locations": {"us": "1250"}}""".formatted(KEY_A));

        assertThat(a.attributes()).contains(entry("usage.resourceCount", "1250"),
                entry("usage.service", "bigquery.googleapis.com,compute.googleapis.com"))
                .doesNotContainKey("usage.resource");
    }

    @Test
    void aDeniedInventoryCallLeavesTheKeyPartiallyObserved() throws IOException {
        ObservedKey a = keyA("ERROR: (gcloud.kms.inventory.search-protected-resources) PERMISSION_DENIED: "
                + "Permission 'cloudkms.protectedResources.search' denied");

        assertThat(a.unreadable()).hasValueSatisfying(r -> assertThat(r).startsWith("protected resources: PERMISSION_DENIED"));
        assertThat(a.attributes()).containsEntry("state", "ACTIVE").doesNotContainKey("usage.resourceCount");
    }

    @Test
    void aSummaryWithABadCountNamesTheFileAndField() throws IOException {
        assertThatThrownBy(() -> keyA("{\"resourceCount\": \"many\"}")).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("a.json").hasMessageContaining("resourceCount");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = GcloudSnapshotReaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
