package io.keyledger.functions.report;

import static io.keyledger.testkit.report.ReportFixtures.AWS_MANAGED_S3;
import static io.keyledger.testkit.report.ReportFixtures.AWS_PAYMENTS;
import static io.keyledger.testkit.report.ReportFixtures.AWS_RETIRED_HMAC;
import static io.keyledger.testkit.report.ReportFixtures.AWS_SIGNING;
import static io.keyledger.testkit.report.ReportFixtures.AZURE_LEGACY_EC;
import static io.keyledger.testkit.report.ReportFixtures.AZURE_TENANT_CMK;
import static io.keyledger.testkit.report.ReportFixtures.GCP_PQ_SIGNING;
import static io.keyledger.testkit.report.ReportFixtures.GCP_VERTEX;
import static io.keyledger.testkit.report.ReportFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyDates;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.report.ReportFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CbomWriterTest {

    private static final KeyRef GCP_EKM = Fixtures.gcpKey(ReportFixtures.GCP_PROJECT, "ekm-wrapping");
    private static final KeyRef AZURE_BURNT = Fixtures.azureKey(ReportFixtures.AZURE_SUBSCRIPTION, "burnt");
    private static final KeyRef AWS_DENIED = Fixtures.awsKey("dddddddd-0000-1111-2222-333333333333");

    private static final String EKM_CONNECTION = "projects/acme-prod/locations/europe-west1/ekmConnections/hyok";

    private final ReportFixtures f = ReportFixtures.standard();
    private byte[] cbom;
    private JsonNode root;
    private final Map<String, JsonNode> byRef = new HashMap<>();

    @BeforeEach
    void writeTheCbom() throws IOException {
        // Records written directly, as the builder makes them: a key held outside the provider, a key
        // destroyed after its compromise, and a key whose details could not be read.
        Instant created = Instant.parse("2025-09-01T00:00:00Z");
        put(Fixtures.asset(TENANT, GCP_EKM, LifecycleState.ACTIVE, Optional.of("ml-platform")).toBuilder()
                .kind(KeyKind.SYMMETRIC).algorithm("AES-256").nativeSpec(Optional.of("EXTERNAL_SYMMETRIC_ENCRYPTION"))
                .protection(ProtectionLevel.EXTERNAL).nativeState("ENABLED")
                .dates(KeyDates.NONE.withCreatedAt(Optional.of(created)).withExpiresAt(Optional.of(created.plusSeconds(86_400L * 730))))
                .keyStore(Optional.of(EKM_CONNECTION))
                .usageContext(io.keyledger.core.key.UsageContext.NONE.withProtected(io.keyledger.core.key.ProtectedResources
                        .of(List.of("//bigquery.googleapis.com/projects/acme-prod/datasets/features"))))
                .build());
        put(Fixtures.asset(TENANT, AZURE_BURNT, LifecycleState.DESTROYED_COMPROMISED, Optional.of("legacy-apps")).toBuilder()
                .kind(KeyKind.ASYMMETRIC).algorithm("EC-P384").nativeState("purged").build());
        put(Fixtures.asset(TENANT, AWS_DENIED, LifecycleState.ACTIVE, Optional.empty()).toBuilder()
                .kind(KeyKind.UNKNOWN).algorithm("UNKNOWN").nativeState("").build());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long keys = new CbomWriter(f.store, f.clock).write(TENANT, AssetQuery.ALL, out);
        assertThat(keys).isEqualTo(11);
        cbom = out.toByteArray();
        root = Json.mapper().readTree(cbom);
        for (JsonNode c : root.get("components")) {
            byRef.put(c.get("bom-ref").asString(), c);
        }
    }

    private void put(CryptoAsset a) {
        f.store.putAsset(TENANT, a, 0);
    }

    @Test
    void theCbomIsValidAgainstTheCycloneDx16SchemaBundledInTheLibrary() throws IOException {
        List<ParseException> errors = new JsonParser().validate(cbom, Version.VERSION_16);

        assertThat(errors).isEmpty();
        assertThat(root.get("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(root.get("specVersion").asString()).isEqualTo("1.6");
        assertThat(root.get("serialNumber").asString()).startsWith("urn:uuid:");
        assertThat(root.get("metadata").get("timestamp").asString()).startsWith("2026-03-01T00:00:00");
    }

    @Test
    void inCycloneDx17TheSameInventoryIsValidAgainstThe17SchemaWithTheFields17Adds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long keys = new CbomWriter(f.store, f.clock).write(TENANT, AssetQuery.ALL, CbomSpec.V1_7, out);

        assertThat(keys).isEqualTo(11);
        assertThat(CycloneDx17Schema.errors(out.toByteArray())).isEmpty();
        JsonNode bom17 = Json.mapper().readTree(out.toByteArray());
        assertThat(bom17.get("specVersion").asString()).isEqualTo("1.7");
        Map<String, JsonNode> components = new HashMap<>();
        bom17.get("components").forEach(c -> components.put(c.get("bom-ref").asString(), c));
        assertThat(components.keySet()).isEqualTo(byRef.keySet());
        assertThat(bom17.get("dependencies")).isEqualTo(root.get("dependencies"));

        // A key refers to its algorithm as 1.7 does, not through the deprecated algorithmRef.
        JsonNode material = components.get(GCP_PQ_SIGNING.id()).get("cryptoProperties").get("relatedCryptoMaterialProperties");
        assertThat(material.has("algorithmRef")).isFalse();
        String algorithmRef = byRef.get(GCP_PQ_SIGNING.id()).get("cryptoProperties").get("relatedCryptoMaterialProperties")
                .get("algorithmRef").asString();
        assertThat(material.get("relatedCryptographicAssets").get(0).get("type").asString()).isEqualTo("algorithm");
        assertThat(material.get("relatedCryptographicAssets").get(0).get("ref").asString()).isEqualTo(algorithmRef);

        // Algorithms name their family and curve from the 1.7 registry.
        JsonNode mlDsa = components.get(algorithmRef).get("cryptoProperties").get("algorithmProperties");
        assertThat(mlDsa.get("algorithmFamily").asString()).isEqualTo("ML-DSA");
        JsonNode ec = components.values().stream().filter(c -> c.get("name").asString().equals("EC-P384")).findFirst()
                .orElseThrow().get("cryptoProperties").get("algorithmProperties");
        assertThat(ec.get("ellipticCurve").asString()).isEqualTo("nist/P-384");
        assertThat(ec.has("curve")).isFalse();
    }

    @Test
    void aCbomThatBreaksThe17SchemaIsCaught() {
        byte[] broken = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.7\",\"components\":[{\"type\":\"cryptographic-asset\",\"name\":\"k\",\"cryptoProperties\":{\"assetType\":\"algorithm\",\"algorithmProperties\":{\"algorithmFamily\":\"RSA\"}}}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(CycloneDx17Schema.errors(broken)).isNotEmpty();
    }

    @Test
    void theResourcesAKeyProtectsAndTheKeyStoreHoldingItAreComponentsItsDependenciesName() {
        String store = "gcp:acme-prod:europe-west1:" + EKM_CONNECTION;
        String resource = GCP_EKM.id() + "#protects://bigquery.googleapis.com/projects/acme-prod/datasets/features";

        assertThat(byRef.get(store).get("type").asString()).isEqualTo("device");
        assertThat(byRef.get(store).toString()).contains("GCP_EKM_CONNECTION");
        assertThat(byRef.get(resource).get("type").asString()).isEqualTo("data");
        assertThat(root.get("dependencies")).anySatisfy(d -> {
            assertThat(d.get("ref").asString()).isEqualTo(GCP_EKM.id());
            assertThat(d.get("dependsOn").get(0).asString()).isEqualTo(store);
        }).anySatisfy(d -> {
            assertThat(d.get("ref").asString()).isEqualTo(resource);
            assertThat(d.get("dependsOn").get(0).asString()).isEqualTo(GCP_EKM.id());
        });
    }

    @Test
    void theLibraryReadsItBack() throws ParseException {
        Bom bom = new JsonParser().parse(cbom);

        assertThat(bom.getComponents()).hasSize(byRef.size());
        assertThat(bom.getComponents()).filteredOn(c -> c.getBomRef().equals(AWS_SIGNING.id())).singleElement()
                .satisfies(c -> assertThat(c.getCryptoProperties().getRelatedCryptoMaterialProperties().getSize())
                        .isEqualTo(2048));
    }

    @Test
    void everyKeyOfTheThreeProvidersIsRelatedCryptoMaterialReferringToItsAlgorithm() {
        Set<String> refs = new HashSet<>();
        int keys = 0;
        for (JsonNode c : root.get("components")) {
            assertThat(refs.add(c.get("bom-ref").asString())).as("unique bom-ref").isTrue();
            if (!c.get("type").asString().equals("cryptographic-asset")) {
                // what a key protects (data) and the key stores holding keys (device)
                assertThat(c.get("type").asString()).isIn("data", "device");
                continue;
            }
            JsonNode crypto = c.get("cryptoProperties");
            if (crypto.get("assetType").asString().equals("related-crypto-material")) {
                keys++;
                JsonNode material = crypto.get("relatedCryptoMaterialProperties");
                assertThat(material.has("value")).as("no key material").isFalse();
                JsonNode algorithm = byRef.get(material.get("algorithmRef").asString());
                assertThat(algorithm).as("algorithmRef of " + c.get("bom-ref")).isNotNull();
                assertThat(algorithm.get("cryptoProperties").get("assetType").asString()).isEqualTo("algorithm");
                assertThat(algorithm.get("name").asString()).isEqualTo(property(c, "keyledger:algorithm").orElse("UNKNOWN"));
            } else {
                assertThat(crypto.get("assetType").asString()).isEqualTo("algorithm");
            }
        }
        assertThat(keys).isEqualTo(11);
        assertThat(byRef.keySet()).contains(AWS_PAYMENTS.id(), AZURE_TENANT_CMK.id(), GCP_VERTEX.id());
    }

    @Test
    void anRsaSigningKeyInAnHsm() {
        JsonNode key = byRef.get(AWS_SIGNING.id());
        JsonNode m = key.get("cryptoProperties").get("relatedCryptoMaterialProperties");

        assertThat(m.get("type").asString()).isEqualTo("private-key");
        assertThat(m.get("id").asString()).isEqualTo(AWS_SIGNING.id());
        assertThat(m.get("state").asString()).isEqualTo("active");
        assertThat(m.get("size").asInt()).isEqualTo(2048);
        assertThat(m.get("creationDate").asString()).isEqualTo("2024-06-01T08:00:00Z");
        assertThat(m.get("activationDate").asString()).isEqualTo("2024-06-01T08:00:00Z");
        assertThat(m.get("securedBy").get("mechanism").asString()).isEqualTo("HSM");
        assertThat(property(key, "keyledger:nativeState")).contains("Enabled");
        assertThat(property(key, "keyledger:provider")).contains("aws");
        assertThat(property(key, "keyledger:owner")).contains("release-eng");
        JsonNode rsa = byRef.get(m.get("algorithmRef").asString()).get("cryptoProperties").get("algorithmProperties");
        assertThat(rsa.get("primitive").asString()).isEqualTo("signature");
        assertThat(rsa.get("parameterSetIdentifier").asString()).isEqualTo("2048");
        assertThat(rsa.get("classicalSecurityLevel").asInt()).isEqualTo(112);
        assertThat(rsa.get("nistQuantumSecurityLevel").asInt()).isZero();
        assertThat(rsa.get("cryptoFunctions")).extracting(JsonNode::asString).containsExactly("sign", "verify");
    }

    @Test
    void symmetricEllipticCurveAndPostQuantumKeys() {
        JsonNode payments = byRef.get(AWS_PAYMENTS.id());
        JsonNode m = payments.get("cryptoProperties").get("relatedCryptoMaterialProperties");
        assertThat(m.get("type").asString()).isEqualTo("secret-key");
        assertThat(m.get("updateDate").asString()).isEqualTo("2026-01-20T10:00:00Z");
        assertThat(payments.get("name").asString()).isEqualTo("alias/payments");
        // The library's string serialiser folds line breaks into spaces.
        assertThat(payments.get("description").asString()).isEqualTo("Card data, \"PCI\" scope second line");
        JsonNode aes = algorithmOf(payments);
        assertThat(aes.get("primitive").asString()).isEqualTo("block-cipher");
        assertThat(aes.get("nistQuantumSecurityLevel").asInt()).isEqualTo(5);
        assertThat(aes.get("cryptoFunctions")).extracting(JsonNode::asString).containsExactly("encrypt", "decrypt");

        JsonNode ec = byRef.get(AZURE_LEGACY_EC.id());
        assertThat(ec.get("cryptoProperties").get("relatedCryptoMaterialProperties").get("state").asString())
                .isEqualTo("suspended");
        assertThat(ec.get("cryptoProperties").get("relatedCryptoMaterialProperties").get("securedBy").get("mechanism")
                .asString()).isEqualTo("Software");
        assertThat(algorithmOf(ec).get("curve").asString()).isEqualTo("nist/P-256");

        JsonNode pq = algorithmOf(byRef.get(GCP_PQ_SIGNING.id()));
        assertThat(pq.get("primitive").asString()).isEqualTo("signature");
        assertThat(pq.get("parameterSetIdentifier").asString()).isEqualTo("65");
        assertThat(pq.get("nistQuantumSecurityLevel").asInt()).isEqualTo(3);

        JsonNode cmk = byRef.get(AZURE_TENANT_CMK.id());
        assertThat(algorithmOf(cmk).get("primitive").asString()).isEqualTo("pke");
        assertThat(property(cmk, "keyledger:aiCategories")).contains("INFERENCE_LOGS");
        assertThat(property(cmk, "keyledger:responsibilityMode")).contains("BYOK");
        assertThat(algorithmOf(byRef.get(AWS_RETIRED_HMAC.id())).get("primitive").asString()).isEqualTo("mac");
    }

    @Test
    void statesDatesAndProtectionThatNeedMapping() {
        JsonNode destroyed = byRef.get(AWS_RETIRED_HMAC.id()).get("cryptoProperties").get("relatedCryptoMaterialProperties");
        assertThat(destroyed.get("state").asString()).isEqualTo("destroyed");
        assertThat(property(byRef.get(AWS_RETIRED_HMAC.id()), "keyledger:destroyedAt")).contains("2026-02-10T09:05:00Z");

        JsonNode burnt = byRef.get(AZURE_BURNT.id());
        assertThat(burnt.get("cryptoProperties").get("relatedCryptoMaterialProperties").get("state").asString())
                .isEqualTo("compromised");
        assertThat(property(burnt, "keyledger:lifecycleState")).contains("DESTROYED_COMPROMISED");
        assertThat(property(burnt, "keyledger:nativeState")).contains("purged");

        JsonNode ekm = byRef.get(GCP_EKM.id()).get("cryptoProperties").get("relatedCryptoMaterialProperties");
        assertThat(ekm.get("securedBy").get("mechanism").asString()).isEqualTo("External");
        assertThat(ekm.get("expirationDate").asString()).isEqualTo("2027-09-01T00:00:00Z");

        JsonNode denied = byRef.get(AWS_DENIED.id()).get("cryptoProperties").get("relatedCryptoMaterialProperties");
        assertThat(denied.get("type").asString()).isEqualTo("key");
        assertThat(denied.has("size")).isFalse();
        assertThat(algorithmOf(byRef.get(AWS_DENIED.id())).get("primitive").asString()).isEqualTo("unknown");

        JsonNode managed = byRef.get(AWS_MANAGED_S3.id());
        assertThat(property(managed, "keyledger:manager")).contains("PROVIDER");
        assertThat(managed.get("name").asString()).isEqualTo("aws/s3");
    }

    private JsonNode algorithmOf(JsonNode key) {
        String ref = key.get("cryptoProperties").get("relatedCryptoMaterialProperties").get("algorithmRef").asString();
        return byRef.get(ref).get("cryptoProperties").get("algorithmProperties");
    }

    private static Optional<String> property(JsonNode component, String name) {
        for (JsonNode p : component.path("properties")) {
            if (p.get("name").asString().equals(name)) {
                return Optional.of(p.get("value").asString());
            }
        }
        return Optional.empty();
    }
}
