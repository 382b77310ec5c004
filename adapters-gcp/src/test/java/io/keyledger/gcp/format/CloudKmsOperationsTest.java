package io.keyledger.gcp.format;

import static io.keyledger.gcp.format.Records.entry;
import static io.keyledger.gcp.format.Records.event;
import static io.keyledger.gcp.format.Records.ignored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.json.KeyEventJson;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** One realistic Cloud Audit Log entry per Cloud KMS method, and what the decoder makes of it. */
class CloudKmsOperationsTest {

    static final String RING = "projects/acme-payments/locations/europe-west1/keyRings/payments";
    static final KeyRef CARD_DATA = ref("card-data");
    static final KeyRef SIGNER = ref("release-signer");
    static final KeyRef BYOK = ref("byok-ledger");
    static final KeyRef EKM = ref("ekm-vault");

    static Stream<KmsMethod> usageMethods() {
        return Arrays.stream(KmsMethod.values()).filter(m -> m.handling() == KmsMethod.Handling.USE);
    }

    static Stream<KmsMethod> ignoredMethods() {
        return Arrays.stream(KmsMethod.values()).filter(m -> m.handling() == KmsMethod.Handling.IGNORED);
    }

    static KeyRef ref(String key) {
        return new KeyRef(Provider.GCP, "acme-payments", "europe-west1", RING + "/cryptoKeys/" + key);
    }

    /** An entry (named by what it shows) and what it becomes: the action, the key, the version and every attribute. */
    static Arguments change(String shows, String entry, Action action, KeyRef key, Optional<String> version,
            Map<String, String> attributes) {
        return Arguments.of(Named.of(shows, entry), action, key, version, attributes);
    }

    static Stream<Arguments> lifecycleChanges() {
        return Stream.of(
                change("a new version is a rotation with the version's own state", "CreateCryptoKeyVersion",
                        Action.ROTATE, SIGNER, Optional.of("2"),
                        Map.of("versionState", "PRE_ACTIVATION", "nativeState", "PENDING_GENERATION")),
                change("imported material awaits processing", "ImportCryptoKeyVersion",
                        Action.IMPORT_MATERIAL, BYOK, Optional.of("1"),
                        Map.of("origin", "IMPORTED", "versionState", "PRE_ACTIVATION", "nativeState", "PENDING_IMPORT")),
                change("the new primary version is metadata about an enabled version", "UpdateCryptoKeyPrimaryVersion",
                        Action.METADATA, CARD_DATA, Optional.of("2"),
                        Map.of("versionState", "ACTIVE", "nativeState", "ENABLED")),
                change("disabling a version suspends it", "UpdateCryptoKeyVersion-disable",
                        Action.DISABLE, CARD_DATA, Optional.of("1"),
                        Map.of("versionState", "SUSPENDED", "nativeState", "DISABLED")),
                change("enabling a version without a response reads the requested state",
                        "UpdateCryptoKeyVersion-enable", Action.ENABLE, CARD_DATA, Optional.of("1"),
                        Map.of("versionState", "ACTIVE", "nativeState", "ENABLED")),
                change("destroying a version schedules its destruction", "DestroyCryptoKeyVersion",
                        Action.SCHEDULE_DESTRUCTION, CARD_DATA, Optional.of("1"),
                        Map.of("versionState", "DEACTIVATED", "nativeState", "DESTROY_SCHEDULED",
                                "destructionScheduledAt", "2026-05-25T17:11:02.921054Z")),
                change("restoring a version cancels its destruction and leaves it disabled",
                        "RestoreCryptoKeyVersion", Action.CANCEL_DESTRUCTION, CARD_DATA, Optional.of("1"),
                        Map.of("versionState", "SUSPENDED", "nativeState", "DISABLED")),
                change("deleting a version destroys it", "DeleteCryptoKeyVersion",
                        Action.DESTROY, CARD_DATA, Optional.of("1"), Map.of("versionState", "DESTROYED")),
                change("deleting a key destroys the key", "DeleteCryptoKey",
                        Action.DESTROY, EKM, Optional.empty(), Map.of("state", "DESTROYED")));
    }

    static Stream<Arguments> settingChanges() {
        return Stream.of(
                change("a rotation schedule is the rotation policy", "UpdateCryptoKey-rotation",
                        Action.ROTATION_POLICY, CARD_DATA, Optional.empty(),
                        Map.of("rotation.period", "P30D", "rotation.enabled", "true")),
                change("removing the rotation schedule disables rotation", "UpdateCryptoKey-remove-rotation",
                        Action.ROTATION_POLICY, CARD_DATA, Optional.empty(), Map.of("rotation.enabled", "false")),
                change("labels are tags and the AI usage label declares a category", "UpdateCryptoKey-labels",
                        Action.TAG, CARD_DATA, Optional.empty(), Map.of("tag.team", "payments", "tag.env", "prod",
                                "tag.keyledger-ai-usage", "training-data", "usage.aiCategory", "TRAINING_DATA")),
                change("label paths name the labels set and removed", "UpdateCryptoKey-label-paths",
                        Action.TAG, CARD_DATA, Optional.empty(), Map.of("tag.cost-center", "cc-4411", "untag", "env")));
    }

    static void assertBecomes(String entry, Action action, KeyRef key, Optional<String> version,
            Map<String, String> attributes) {
        KeyEvent e = event(entry);
        assertThat(e.action()).isEqualTo(action);
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.versionId()).isEqualTo(version);
        assertThat(e.attributes()).containsExactlyInAnyOrderEntriesOf(attributes);
    }

    @Nested
    class KeyLifecycle {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.keyledger.gcp.format.CloudKmsOperationsTest#lifecycleChanges")
        void aChangeOfAKeyOrVersionIsItsActionWithTheNewState(String entry, Action action, KeyRef key,
                Optional<String> version, Map<String, String> attributes) {
            assertBecomes(entry, action, key, version, attributes);
        }

        @Test
        void createCryptoKeyGivesTheKeyItsAttributesAndVersionOne() {
            KeyEvent e = event("CreateCryptoKey");
            assertThat(e.action()).isEqualTo(Action.CREATE);
            assertThat(e.key()).isEqualTo(CARD_DATA);
            assertThat(e.versionId()).contains("1");
            assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-01-12T09:14:03.512734118Z"));
            assertThat(e.eventId()).isEqualTo("1k2x9aqe4dfm@2026-01-12T09:14:03.512734118Z");
            assertThat(e.attributes()).containsOnly(
                    entry("kind", "SYMMETRIC"), entry("keyUsage", "ENCRYPT_DECRYPT"),
                    entry("algorithm", "AES-256"), entry("nativeSpec", "GOOGLE_SYMMETRIC_ENCRYPTION"),
                    entry("protection", "HSM"), entry("origin", "GENERATED"), entry("manager", "CUSTOMER"),
                    entry("tag.team", "payments"), entry("tag.env", "prod"),
                    entry("rotation.enabled", "true"), entry("rotation.period", "P90D"),
                    entry("createdAt", "2026-01-12T09:14:03.486921Z"),
                    entry("versionState", "ACTIVE"), entry("nativeState", "ENABLED"));
            assertThat(e.actor().principal()).isEqualTo("dana@acme.example");
            assertThat(e.actor().type()).isEqualTo(ActorType.USER);
            assertThat(e.actor().sourceIp()).contains("203.0.113.52");
            assertThat(e.actor().userAgent()).hasValueSatisfying(ua -> assertThat(ua).startsWith("google-cloud-sdk"));
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(e.source().kind()).isEqualTo("gcp-audit");
            assertThat(e.source().operation()).isEqualTo("CreateCryptoKey");
            assertThat(e.source().location()).isEqualTo("audit.json record 1");
        }

        @Test
        void anAsymmetricKeyWhoseResponseShowsNoPrimaryGetsVersionOneAsEnabled() {
            KeyEvent e = event("CreateCryptoKey-asymmetric");
            assertThat(e.key()).isEqualTo(SIGNER);
            assertThat(e.versionId()).contains("1");
            assertThat(e.attributes()).contains(entry("kind", "ASYMMETRIC"), entry("keyUsage", "SIGN_VERIFY"),
                    entry("algorithm", "EC-P256"), entry("nativeSpec", "EC_SIGN_P256_SHA256"),
                    entry("rotation.enabled", "false"), entry("versionState", "ACTIVE"), entry("nativeState", "ENABLED"));
            assertThat(e.actor().type()).isEqualTo(ActorType.SERVICE);
            assertThat(e.actor().sourceIp()).contains("34.77.120.15");
        }

        @Test
        void anImportOnlyKeyWithoutInitialVersionAwaitsItsMaterial() {
            KeyEvent e = event("CreateCryptoKey-import-only");
            assertThat(e.key()).isEqualTo(BYOK);
            assertThat(e.source().operation()).isEqualTo("CreateCryptoKey");
            assertThat(e.versionId()).isEmpty();
            assertThat(e.attributes()).contains(entry("state", "PRE_ACTIVATION"), entry("origin", "IMPORTED"))
                    .doesNotContainKeys("versionState", "nativeState");
        }

        @Test
        void anExternalKeyIsExternalInProtectionAndOrigin() {
            KeyEvent e = event("CreateCryptoKey-external");
            assertThat(e.key()).isEqualTo(EKM);
            assertThat(e.attributes()).contains(entry("protection", "EXTERNAL"), entry("origin", "EXTERNAL"),
                    entry("algorithm", "AES-256"), entry("nativeSpec", "EXTERNAL_SYMMETRIC_ENCRYPTION"),
                    entry("state", "PRE_ACTIVATION"));
        }

        @Test
        void theAutomaticRotationIsAVersionCreatedByTheKmsServiceAgent() {
            KeyEvent e = event("CreateCryptoKeyVersion-automatic-rotation");
            assertThat(e.action()).isEqualTo(Action.ROTATE);
            assertThat(e.key()).isEqualTo(CARD_DATA);
            assertThat(e.versionId()).contains("2");
            assertThat(e.attributes()).containsOnly(entry("versionState", "ACTIVE"), entry("nativeState", "ENABLED"));
            assertThat(e.actor().principal()).isEqualTo("service-481516234200@gcp-sa-cloudkms.iam.gserviceaccount.com");
            assertThat(e.actor().type()).isEqualTo(ActorType.SERVICE);
            assertThat(e.actor().sourceIp()).contains("private");
            assertThat(e.actor().userAgent()).isEmpty();
        }

        @Test
        void aFailedImportLeavesADestroyedVersion() {
            KeyEvent e = event("ImportCryptoKeyVersion-failed-import");
            assertThat(e.action()).isEqualTo(Action.IMPORT_MATERIAL);
            assertThat(e.versionId()).contains("2");
            assertThat(e.attributes()).contains(entry("versionState", "DESTROYED"), entry("nativeState", "IMPORT_FAILED"));
        }

        @Test
        void anUpdateOfOtherVersionFieldsIsMetadata() {
            var record = entry("UpdateCryptoKeyVersion-enable");
            var request = (ObjectNode) record.path("protoPayload").path("request");
            request.put("updateMask", "externalProtectionLevelOptions");
            KeyEvent e = event(record);
            assertThat(e.action()).isEqualTo(Action.METADATA);
            assertThat(e.attributes()).isEmpty();
        }

        @Test
        void aStateGoogleAddedLaterIsKeptAsTheNativeState() {
            var record = entry("UpdateCryptoKeyVersion-disable");
            ((ObjectNode) record.path("protoPayload").path("response"))
                    .put("state", "PENDING_EXTERNAL_REWRAP");
            KeyEvent e = event(record);
            assertThat(e.action()).isEqualTo(Action.METADATA);
            assertThat(e.attributes()).containsOnly(entry("nativeState", "PENDING_EXTERNAL_REWRAP"));
        }

        @Test
        void anExternalVersionWaitsForTheExternalKeyManager() {
            KeyEvent e = event("DestroyCryptoKeyVersion-external");
            assertThat(e.action()).isEqualTo(Action.SCHEDULE_DESTRUCTION);
            assertThat(e.key()).isEqualTo(EKM);
            assertThat(e.source().operation()).isEqualTo("DestroyCryptoKeyVersion");
            assertThat(e.attributes()).contains(entry("versionState", "DEACTIVATED"),
                    entry("nativeState", "PENDING_EXTERNAL_DESTRUCTION"));
        }

        @Test
        void aResponseThatSaysDestroyedIsADestruction() {
            var record = entry("DestroyCryptoKeyVersion");
            ((ObjectNode) record.path("protoPayload").path("response"))
                    .put("state", "DESTROYED");
            KeyEvent e = event(record);
            assertThat(e.action()).isEqualTo(Action.DESTROY);
            assertThat(e.attributes()).containsOnly(entry("versionState", "DESTROYED"), entry("nativeState", "DESTROYED"));
        }

        @Test
        void withoutAResponseTheDestructionIsScheduledWithoutADate() {
            var record = entry("DestroyCryptoKeyVersion");
            ((ObjectNode) record.path("protoPayload")).remove("response");
            KeyEvent e = event(record);
            assertThat(e.action()).isEqualTo(Action.SCHEDULE_DESTRUCTION);
            assertThat(e.versionId()).contains("1");
            assertThat(e.attributes()).containsOnly(entry("versionState", "DEACTIVATED"),
                    entry("nativeState", "DESTROY_SCHEDULED"));
        }

    }

    @Nested
    class KeySettings {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.keyledger.gcp.format.CloudKmsOperationsTest#settingChanges")
        void aSettingChangeIsItsActionWithTheNewSettings(String entry, Action action, KeyRef key,
                Optional<String> version, Map<String, String> attributes) {
            assertBecomes(entry, action, key, version, attributes);
        }

        @Test
        void aVersionTemplateChangeIsMetadataWithTheNewAlgorithm() {
            var record = entry("UpdateCryptoKey-rotation");
            var payload = (ObjectNode) record.path("protoPayload");
            payload.remove("response");
            var request = (ObjectNode) payload.path("request");
            request.put("updateMask", "version_template.algorithm");
            ((ObjectNode) request.path("cryptoKey")).putObject("versionTemplate")
                    .put("algorithm", "AES_256_GCM").put("protectionLevel", "HSM");
            KeyEvent e = event(record);
            assertThat(e.action()).isEqualTo(Action.METADATA);
            assertThat(e.attributes()).contains(entry("algorithm", "AES-256"), entry("nativeSpec", "AES_256_GCM"),
                    entry("protection", "HSM"));
        }

        @Test
        void anIamPolicyChangeNamesTheServicesItGrantsButNeverThePolicy() {
            KeyEvent e = event("SetIamPolicy");
            assertThat(e.action()).isEqualTo(Action.KEY_POLICY);
            assertThat(e.key()).isEqualTo(CARD_DATA);
            assertThat(e.attributes()).containsOnly(entry("usage.aiService", "aiplatform.googleapis.com"),
                    entry("usage.service", "bigquery.googleapis.com"));
            assertThat(KeyEventJson.write(e))
                    .doesNotContain("payments-oncall", "roles/cloudkms", "BwYk3n");
        }

        @Test
        void aKeyRingsIamPolicyIsIgnored() {
            assertThat(ignored(entry("SetIamPolicy-key-ring")).reason()).contains("not a key");
        }
    }

    @Nested
    class Usage {

        @Test
        void cloudStorageEncryptingThroughItsServiceAgentIsAUseByCloudStorage() {
            KeyEvent e = event("Encrypt");
            assertThat(e.action()).isEqualTo(Action.USE);
            assertThat(e.key()).isEqualTo(CARD_DATA);
            assertThat(e.versionId()).isEmpty();
            assertThat(e.attributes()).containsOnly(
                    entry("usage.principal", "service-481516234200@gs-project-accounts.iam.gserviceaccount.com"),
                    entry("usage.service", "storage.googleapis.com"));
        }

        @Test
        void vertexAiDecryptingIsAnAiUse() {
            KeyEvent e = event("Decrypt");
            assertThat(e.action()).isEqualTo(Action.USE);
            assertThat(e.attributes()).containsOnly(
                    entry("usage.principal", "service-481516234200@gcp-sa-aiplatform.iam.gserviceaccount.com"),
                    entry("usage.aiService", "aiplatform.googleapis.com"));
        }

        @Test
        void bigQueryDecryptingIsAUseByBigQuery() {
            assertThat(event("Decrypt-bigquery").attributes())
                    .contains(entry("usage.service", "bigquery.googleapis.com"));
        }

        @Test
        void aSignatureByAnApplicationNamesItsPrincipalAndTheImpersonatingCaller() {
            KeyEvent e = event("AsymmetricSign");
            assertThat(e.action()).isEqualTo(Action.USE);
            assertThat(e.key()).isEqualTo(SIGNER);
            assertThat(e.attributes()).containsOnly(
                    entry("usage.principal", "ci-release@acme-payments.iam.gserviceaccount.com"));
            assertThat(e.actor().invokedBy()).contains("dana@acme.example");
            assertThat(e.actor().userAgent()).contains("grpc-go/1.68.0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"AsymmetricDecrypt", "MacSign", "MacVerify", "RawEncrypt", "RawDecrypt"})
        void everyCryptographicOperationIsAUse(String method) {
            KeyEvent e = event(method);
            assertThat(e.action()).isEqualTo(Action.USE);
            assertThat(e.source().operation()).isEqualTo(method);
            assertThat(e.attributes()).containsKey("usage.principal");
        }

        @ParameterizedTest
        @MethodSource("io.keyledger.gcp.format.CloudKmsOperationsTest#usageMethods")
        void everyUsageMethodIsAUseOfTheKeyItNames(KmsMethod method) {
            var record = entry("Encrypt");
            ((ObjectNode) record.path("protoPayload"))
                    .put("methodName", "google.cloud.kms.v1.KeyManagementService." + method.nativeName());
            KeyEvent e = event(record);
            assertThat(e.action()).isEqualTo(Action.USE);
            assertThat(e.key()).isEqualTo(CARD_DATA);
            assertThat(e.source().operation()).isEqualTo(method.nativeName());
        }

        @Test
        void aFailedUseIsRecordedAsFailed() {
            KeyEvent e = event("Decrypt-disabled");
            assertThat(e.action()).isEqualTo(Action.USE);
            assertThat(e.outcome()).isEqualTo(Outcome.failure("FAILED_PRECONDITION",
                    "projects/acme-payments/locations/europe-west1/keyRings/payments/cryptoKeys/card-data"
                            + "/cryptoKeyVersions/1 is not enabled, current state is: DISABLED."));
            assertThat(e.attributes()).isEmpty();
        }

        @Test
        void randomBytesUseNoKey() {
            assertThat(ignored(entry("GenerateRandomBytes")).reason()).startsWith("GenerateRandomBytes: uses no key");
        }
    }

    @Nested
    class FailuresReadsAndUnknowns {

        @Test
        void aDeniedCallIsAFailureThatChangesNothing() {
            KeyEvent e = event("DestroyCryptoKeyVersion-denied");
            assertThat(e.action()).isEqualTo(Action.SCHEDULE_DESTRUCTION);
            assertThat(e.succeeded()).isFalse();
            assertThat(e.outcome()).isEqualTo(Outcome.failure("PERMISSION_DENIED", "Permission "
                    + "'cloudkms.cryptoKeyVersions.destroy' denied on resource '" + RING + "/cryptoKeys/card-data"
                    + "/cryptoKeyVersions/1' (or it may not exist)."));
            assertThat(e.attributes()).isEmpty();
            assertThat(e.actor().principal()).isEqualTo("mallory@contractor.example");
            assertThat(e.actor().sourceIp()).contains("198.51.100.23");
        }

        @Test
        void aStatusCodeWrittenAsTextIsReadToo() {
            var record = entry("DestroyCryptoKeyVersion-denied");
            ((ObjectNode) record.path("protoPayload").path("status")).put("code", "7");
            assertThat(event(record).outcome()).isInstanceOfSatisfying(Outcome.Failure.class,
                    f -> assertThat(f.errorCode()).isEqualTo("PERMISSION_DENIED"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"CreateKeyRing", "CreateImportJob", "GetCryptoKey", "ListCryptoKeys", "GetIamPolicy"})
        void methodsThatChangeNoKeyAreIgnoredWithTheirReason(String method) {
            String reason = ignored(entry(method)).reason();
            assertThat(reason).startsWith(method + ": ")
                    .contains(KmsMethod.of(method).orElseThrow().rule());
        }

        @ParameterizedTest
        @MethodSource("io.keyledger.gcp.format.CloudKmsOperationsTest#ignoredMethods")
        void everyIgnoredMethodIsIgnoredWithItsRule(KmsMethod method) {
            var record = entry("GetCryptoKey");
            ((ObjectNode) record.path("protoPayload")).put("methodName", method.nativeName());
            assertThat(ignored(record).reason()).isEqualTo(method.nativeName() + ": " + method.rule());
        }

        @Test
        void anUnknownMethodOnAKeyIsKeptUnclassified() {
            KeyEvent e = event("UnknownMethod");
            assertThat(e.action()).isEqualTo(Action.UNCLASSIFIED);
            assertThat(e.key()).isEqualTo(SIGNER);
            assertThat(e.versionId()).contains("1");
            assertThat(e.source().operation()).isEqualTo("AttestCryptoKeyVersion");
        }

        @Test
        void anUnknownMethodOnAnythingElseIsIgnored() {
            var record = entry("UnknownMethod");
            var payload = (ObjectNode) record.path("protoPayload");
            payload.put("resourceName", RING);
            record.remove("resource");
            assertThat(ignored(record).reason()).contains("unknown to KeyLedger").contains(RING);
        }

        @Test
        void aProjectNumberInTheResourceNameBecomesTheProjectId() {
            var record = entry("UpdateCryptoKeyVersion-disable");
            ((ObjectNode) record.path("protoPayload")).put("resourceName",
                    "projects/481516234200/locations/europe-west1/keyRings/payments/cryptoKeys/card-data/cryptoKeyVersions/1");
            KeyEvent e = event(record);
            assertThat(e.key()).isEqualTo(CARD_DATA);
        }

        @Test
        void withoutAResourceNameTheLogEntrysResourceLabelsNameTheKey() {
            var record = entry("UpdateCryptoKeyVersion-disable");
            ((ObjectNode) record.path("protoPayload")).remove("resourceName");
            KeyEvent e = event(record);
            assertThat(e.key()).isEqualTo(CARD_DATA);
            assertThat(e.versionId()).contains("1");
        }

        @Test
        void anEntryWithoutInsertIdGetsAStableDigestAsItsId() {
            var record = entry("Encrypt");
            record.remove("insertId");
            String first = event(record).eventId();
            assertThat(first).startsWith("sha256:").hasSize("sha256:".length() + 64);
            assertThat(event(record.deepCopy()).eventId()).isEqualTo(first);
            assertThat(Optional.of(first)).isNotEqualTo(Optional.of(event("Encrypt").eventId()));
        }
    }
}
