package io.keyledger.gcp.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.event.ActorType;
import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.AiUsageCategory;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small tables: service agents, actor types, algorithms, durations, resource names. */
class UsageAndVocabularyTest {

    @ParameterizedTest
    @CsvSource({
            "service-481516234200@gcp-sa-aiplatform.iam.gserviceaccount.com, aiplatform.googleapis.com, true",
            "service-481516234200@gcp-sa-aiplatform-cc.iam.gserviceaccount.com, aiplatform.googleapis.com, true",
            "service-481516234200@gcp-sa-discoveryengine.iam.gserviceaccount.com, discoveryengine.googleapis.com, true",
            "bq-481516234200@bigquery-encryption.iam.gserviceaccount.com, bigquery.googleapis.com, false",
            "service-481516234200@gs-project-accounts.iam.gserviceaccount.com, storage.googleapis.com, false",
            "service-481516234200@compute-system.iam.gserviceaccount.com, compute.googleapis.com, false",
            "service-481516234200@gcp-sa-cloud-sql.iam.gserviceaccount.com, sqladmin.googleapis.com, false",
            "service-481516234200@gcp-sa-pubsub.iam.gserviceaccount.com, pubsub.googleapis.com, false",
            "service-481516234200@gcp-sa-secretmanager.iam.gserviceaccount.com, secretmanager.googleapis.com, false",
            "service-481516234200@dataflow-service-producer-prod.iam.gserviceaccount.com, dataflow.googleapis.com, false",
            "service-481516234200@container-engine-robot.iam.gserviceaccount.com, container.googleapis.com, false"})
    void serviceAgentsAreRecognisedByTheirDomain(String email, String service, boolean ai) {
        ServiceAgents.Agent agent = ServiceAgents.of(email).orElseThrow();
        assertThat(agent.service()).isEqualTo(service);
        assertThat(agent.ai()).isEqualTo(ai);
    }

    @Test
    void agentsThatTellTheirAiWorkloadCarryACategory() {
        assertThat(ServiceAgents.of("service-1@gcp-sa-aiplatform-ft.iam.gserviceaccount.com").orElseThrow().categories())
                .containsExactly(AiUsageCategory.TRAINING_DATA);
        assertThat(ServiceAgents.of("service-1@gcp-sa-discoveryengine.iam.gserviceaccount.com").orElseThrow()
                .categories()).containsExactly(AiUsageCategory.VECTOR_STORE);
    }

    @Test
    void ordinaryAccountsAndTheKmsAgentAreNoUsingService() {
        assertThat(ServiceAgents.of("ci-release@acme-payments.iam.gserviceaccount.com")).isEmpty();
        assertThat(ServiceAgents.of("dana@acme.example")).isEmpty();
        assertThat(ServiceAgents.of("no-at-sign")).isEmpty();
        assertThat(ServiceAgents.of("service-1@gcp-sa-cloudkms.iam.gserviceaccount.com")).isEmpty();
        assertThat(ServiceAgents.of("service-org-99@gcp-sa-cloudkms.iam.gserviceaccount.com")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"dana@acme.example, USER", "ci@acme.iam.gserviceaccount.com, SERVICE",
            "123-compute@developer.gserviceaccount.com, SERVICE",
            "'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/subject/repo', ROLE",
            "system, UNKNOWN"})
    void actorTypes(String principal, ActorType type) {
        assertThat(AuditActors.type(Optional.of(principal))).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"GOOGLE_SYMMETRIC_ENCRYPTION, AES-256", "AES_128_GCM, AES-128", "RSA_SIGN_PSS_3072_SHA256, RSA-3072",
            "RSA_SIGN_RAW_PKCS1_2048, RSA-2048", "RSA_DECRYPT_OAEP_4096_SHA1, RSA-4096", "EC_SIGN_P256_SHA256, EC-P256",
            "EC_SIGN_ED25519, Ed25519", "HMAC_SHA256, HMAC-SHA256", "PQ_SIGN_ML_DSA_65, ML-DSA-65",
            "PQ_SIGN_HASH_SLH_DSA_SHA2_128S_SHA256, SLH-DSA-SHA2-128S", "ML_KEM_1024, ML-KEM-1024",
            "ML_KEM_768, ML-KEM-768", "PQ_SIGN_ML_DSA_44_EXTERNAL_MU, ML-DSA-44", "KEM_XWING, X-Wing",
            "SOMETHING_NEW_2030, SOMETHING_NEW_2030"})
    void algorithmsAreNormalised(String nativeName, String normalised) {
        assertThat(KeyAlgorithms.normalise(nativeName)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource({"7776000s, P90D", "86400s, P1D", "3600s, PT1H", "90000.5s, PT25H0.5S", "  2592000s , P30D"})
    void rotationPeriodsAreIsoDurations(String google, String iso) {
        assertThat(RotationPeriods.iso(google, "rotationPeriod")).isEqualTo(iso);
    }

    @ParameterizedTest
    @CsvSource({"0s", "-5s", "90d", "s", "1e40s", "abc"})
    void badRotationPeriodsAreNamed(String google) {
        assertThatThrownBy(() -> RotationPeriods.iso(google, "x.rotationPeriod"))
                .isInstanceOfSatisfying(RecordFormatException.class, e -> assertThat(e.field()).isEqualTo("x.rotationPeriod"));
    }

    @Test
    void resourceNamesAreParsedToTheKey() {
        KmsResourceName v = KmsResourceName.parse("projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/7")
                .orElseThrow();
        assertThat(v.keyName()).isEqualTo("projects/p/locations/global/keyRings/r/cryptoKeys/k");
        assertThat(v.version()).contains("7");
        assertThat(KmsResourceName.parse("//cloudkms.googleapis.com/projects/p/locations/us/keyRings/r/importJobs/j"))
                .hasValueSatisfying(n -> {
                    assertThat(n.keyRing()).contains("r");
                    assertThat(n.isKey()).isFalse();
                });
        assertThat(KmsResourceName.parse("projects/p/topics/t")).isEmpty();
        assertThat(KmsResourceName.parse("projects/123/locations/l/keyRings/r/cryptoKeys/k").orElseThrow()
                .withProjectId(Optional.of("acme")).project()).isEqualTo("acme");
    }

    @Test
    void methodNamesAreReadBareOrQualified() {
        assertThat(KmsMethod.of("google.cloud.kms.v1.KeyManagementService.Decrypt")).contains(KmsMethod.DECRYPT);
        assertThat(KmsMethod.of("Decrypt")).contains(KmsMethod.DECRYPT);
        assertThat(KmsMethod.of("google.cloud.kms.v1.Autokey.CreateKeyHandle")).contains(KmsMethod.CREATE_KEY_HANDLE);
        assertThat(KmsMethod.of("Frobnicate")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void keyEncapsulationSingleTenantHsmAndItsInstanceAreRecognised() {
        tools.jackson.databind.node.ObjectNode key = io.keyledger.core.json.Json.mapper().createObjectNode();
        key.put("purpose", "KEY_ENCAPSULATION").put("cryptoKeyBackend",
                "projects/acme/locations/us-central1/singleTenantHsmInstances/payments-hsm");
        key.putObject("versionTemplate").put("algorithm", "ML_KEM_768").put("protectionLevel", "HSM_SINGLE_TENANT");

        java.util.Map<String, String> a = CryptoKeyAttributes.of(GoogleJson.DIALECT.fields(key, "cryptoKey"));

        assertThat(a).containsEntry("keyUsage", "KEY_ENCAPSULATION").containsEntry("kind", "ASYMMETRIC")
                .containsEntry("algorithm", "ML-KEM-768").containsEntry("protection", "HSM")
                .containsEntry("customKeyStore", "projects/acme/locations/us-central1/singleTenantHsmInstances/payments-hsm");
        key.put("cryptoKeyBackend", "not a backend, with a comma");
        assertThat(CryptoKeyAttributes.of(GoogleJson.DIALECT.fields(key, "cryptoKey"))).doesNotContainKey("customKeyStore");
    }
}
