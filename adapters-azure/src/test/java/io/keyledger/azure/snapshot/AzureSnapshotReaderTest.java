package io.keyledger.azure.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.azure.format.AzureDecoders;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.RecordLocation;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.KeyListing;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.sweep.SnapshotPaging;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class AzureSnapshotReaderTest {

    private static final String SUB = "6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
    private static final AzureSnapshotReader READER = new AzureSnapshotReader(MutableClock.at("2026-02-01T00:00:00Z"));

    @TempDir
    Path temp;

    private static Path snapshot() {
        try {
            return Path.of(AzureSnapshotReaderTest.class.getResource("/azure/snapshot").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyRef vaultKey(String name) {
        return new KeyRef(Provider.AZURE, SUB, "contoso-kv", "https://contoso-kv.vault.azure.net/keys/" + name);
    }

    private static KeySource vault(String name) throws IOException {
        return READER.read(snapshot()).stream().filter(s -> s.scope().location().equals(name)).findFirst().orElseThrow();
    }

    private static ObservedKey key(String name) throws IOException {
        return vault("contoso-kv").describe(vaultKey(name)).orElseThrow();
    }

    @Test
    void eachVaultIsAScope() throws IOException {
        assertThat(READER.provider()).isEqualTo("azure");
        assertThat(READER.read(snapshot())).extracting(KeySource::scope).containsExactly(
                new SweepScope(Provider.AZURE, SUB, "contoso-kv"), new SweepScope(Provider.AZURE, SUB, "contoso-mhsm"));
    }

    @Test
    void aFullyListedKeyHasSpecStateTagsRotationAndVersions() throws IOException {
        ObservedKey payments = key("payments-cmk");

        assertThat(payments.unreadable()).isEmpty();
        assertThat(payments.attributes()).containsEntry("state", "ACTIVE").containsEntry("nativeState", "enabled")
                .containsEntry("kind", "ASYMMETRIC").containsEntry("algorithm", "RSA-3072")
                .containsEntry("nativeSpec", "RSA-HSM").containsEntry("protection", "HSM")
                .containsEntry("keyUsage", "WRAP_UNWRAP").containsEntry("manager", "CUSTOMER")
                .containsEntry("createdAt", "2025-02-03T13:00:00Z").containsEntry("tag.owner", "payments-team")
                .containsEntry("rotation.enabled", "true").containsEntry("rotation.period", "P540D");
        assertThat(payments.versions()).extracting(KeyVersion::versionId)
                .containsExactly("4f1c2b7e9d0a4c3b8e6f5a4d3c2b1a09", "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b");
        assertThat(payments.versions()).allMatch(v -> v.state() == LifecycleState.ACTIVE);
    }

    @Test
    void snapshotAndEventsNameTheSameKeyAlike() throws IOException {
        JsonNode records;
        try (InputStream in = getClass().getResourceAsStream("/azure/auditevent/operations.json")) {
            records = Json.mapper().readTree(in).get("records");
        }
        List<DecodedRecord> out = new ArrayList<>();
        Decoders.of(AzureDecoders.all()).decode(records.get(0), new RecordLocation("t", 1, ""), out::add);
        KeyRef fromEvent = ((DecodedRecord.Event) out.get(0)).event().key();

        assertThat(key("payments-cmk").ref()).isEqualTo(fromEvent);
    }

    @Test
    void theStateIsDerivedFromEnabledDatesAndDeletion() throws IOException {
        assertThat(key("reporting-2023").attributes()).containsEntry("state", "SUSPENDED").containsEntry("nativeState", "disabled");
        assertThat(key("legacy-signing").attributes()).containsEntry("state", "DEACTIVATED").containsEntry("nativeState", "expired")
                .containsEntry("algorithm", "EC-P256").containsEntry("keyUsage", "SIGN_VERIFY");
        assertThat(key("future-key").attributes()).containsEntry("state", "PRE_ACTIVATION")
                .containsEntry("nativeState", "enabled, not before 2027-01-01T00:00:00Z")
                .containsEntry("algorithm", "RSA-4096").containsEntry("keyUsage", "UNKNOWN");
        assertThat(key("old-app-key").attributes()).containsEntry("state", "DEACTIVATED")
                .containsEntry("nativeState", "deleted (recoverable until 2025-09-29T09:00:00Z)")
                .containsEntry("destructionScheduledAt", "2025-09-29T09:00:00Z").containsEntry("tag.app", "legacy");
    }

    @Test
    void aiUsageAndRotationBeforeExpiryComeThrough() throws IOException {
        ObservedKey openai = key("openai-cmk");
        assertThat(openai.attributes()).containsEntry("usage.aiCategory", "TENANT_AI_ENVIRONMENT")
                .containsEntry("algorithm", "RSA-2048").containsEntry("rotation.period", "P335D");
        assertThat(openai.versions()).extracting(KeyVersion::versionId).containsExactly("6d2a9c4e8b1f4e7a9c3d5b7f1e2a4c6d");
    }

    @Test
    void missingOrDeniedDetailsLeaveTheKeyPartiallyObserved() throws IOException {
        ObservedKey certificateKey = key("www-contoso");
        assertThat(certificateKey.unreadable()).hasValueSatisfying(r -> assertThat(r).contains("keys/www-contoso.json"));
        assertThat(certificateKey.attributes()).containsEntry("description", "backs certificate www-contoso")
                .containsEntry("state", "ACTIVE");

        ObservedKey denied = key("denied-key");
        assertThat(denied.unreadable()).hasValueSatisfying(r -> assertThat(r).contains("(Forbidden)"));
        assertThat(denied.attributes()).containsEntry("state", "ACTIVE");

        assertThat(key("reporting-2023").unreadable())
                .hasValueSatisfying(r -> assertThat(r).contains("rotation policy: Forbidden"));
    }

    @Test
    void aManagedHsmKeyWithRestDatesIsAnHsmAesKey() throws IOException {
        KeySource hsm = vault("contoso-mhsm");
        ObservedKey key = hsm.list(Optional.empty()).keys().get(0);

        assertThat(key.ref()).isEqualTo(new KeyRef(Provider.AZURE, SUB, "contoso-mhsm",
                "https://contoso-mhsm.managedhsm.azure.net/keys/ml-artifacts"));
        assertThat(key.attributes()).containsEntry("algorithm", "AES-256").containsEntry("protection", "HSM")
                .containsEntry("kind", "SYMMETRIC").containsEntry("keyUsage", "ENCRYPT_DECRYPT")
                .containsEntry("createdAt", "2025-06-01T09:00:00Z").containsEntry("usage.aiCategory", "MODEL_ARTIFACTS");
    }

    @Test
    void noKeyNumberIsEverCopied() throws IOException {
        List<String> material = new ArrayList<>();
        try (Stream<Path> files = Files.walk(snapshot())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String text = Files.readString(f);
                if (!text.startsWith("{")) {
                    continue;
                }
                JsonNode json = Json.mapper().readTree(text);
                JsonNode jwk = json.path("key");
                for (String field : List.of("n", "e", "x", "y", "d", "k")) {
                    if (jwk.path(field).isString()) {
                        material.add(jwk.path(field).stringValue());
                    }
                }
            }
        }
        assertThat(material).isNotEmpty();
        for (KeySource source : READER.read(snapshot())) {
            for (ObservedKey key : source.list(Optional.empty()).keys()) {
                String text = key.toString();
                material.forEach(m -> assertThat(text).doesNotContain(m));
            }
        }
    }

    @Test
    void describeFindsAKeyByItsRefAndNothingElse() throws IOException {
        KeySource kv = vault("contoso-kv");
        assertThat(kv.describe(vaultKey("payments-cmk"))).isPresent();
        assertThat(kv.describe(vaultKey("no-such-key"))).isEmpty();
        assertThat(kv.list(Optional.empty()).keys()).hasSize(8);
    }

    @Test
    void listingsArePagedByAHundred() throws IOException {
        Path vault = temp.resolve("azure").resolve(SUB).resolve("big-vault");
        Files.createDirectories(vault);
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < 250; i++) {
            list.append(i == 0 ? "" : ",").append("{\"kid\": \"https://big-vault.vault.azure.net/keys/key-")
                    .append(String.format("%03d", i)).append("\", \"attributes\": {\"enabled\": true}}");
        }
        Files.writeString(vault.resolve("key-list.json"), list.append("]"));

        List<KeyListing> pages = SnapshotPaging.pagesOf250(READER.read(temp).get(0), "page-two");

        assertThat(pages.get(2).keys().get(49).ref().nativeId())
                .isEqualTo("https://big-vault.vault.azure.net/keys/key-249");
        assertThat(pages.get(0).keys()).allMatch(k -> k.unreadable().isPresent());
    }

    @Test
    void aFolderWithoutAzureListingsGivesNoSources() throws IOException {
        assertThat(READER.read(temp)).isEmpty();
    }

    private Path vaultWith(Map<String, String> files) throws IOException {
        Path vault = temp.resolve("azure").resolve(SUB).resolve("contoso-kv");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = vault.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return vault;
    }

    private static final String KEY_A = "[{\"kid\": \"https://contoso-kv.vault.azure.net/keys/a\", \"attributes\": {\"enabled\": true}}]";
    private static final String SHOW_A = "{\"key\": {\"kid\": \"https://contoso-kv.vault.azure.net/keys/a/0123456789abcdef0123456789abcdef\", "
            + "\"kty\": \"RSA\", \"keyOps\": [\"wrapKey\", \"unwrapKey\"]}, \"attributes\": {\"enabled\": true}}";

    private ObservedKey keyAWithVault(String vaultJson) throws IOException {
        vaultWith(Map.of("key-list.json", KEY_A, "keys/a.json", SHOW_A, "vault.json", vaultJson));
        return READER.read(temp).get(0).describe(new KeyRef(Provider.AZURE, SUB, "contoso-kv",
                "https://contoso-kv.vault.azure.net/keys/a")).orElseThrow();
    }

    @Test
    void aVaultUnderAccessPoliciesListsThePrincipalsWithKeyPermissionsAsGrantees() throws IOException {
        // az keyvault show --name contoso-kv
        ObservedKey a = keyAWithVault("""
                {"id": "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/contoso-kv",
                 "name": "contoso-kv", "type": "Microsoft.KeyVault/vaults",
                 "properties": {"enableRbacAuthorization": false, "accessPolicies": [
                   {"objectId": "5e0b8c2a-7d41-4f3e-8a9b-2c1d0e3f4a5b", "tenantId": "t",
                    "permissions": {"keys": ["get", "wrapKey", "unwrapKey"], "secrets": []}},
                   {"objectId": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "applicationId": "11112222-3333-4444-5555-666677778888",
                    "permissions": {"keys": ["sign"]}},
                   {"objectId": "99999999-8888-7777-6666-555555555555", "permissions": {"secrets": ["get"], "keys": []}}]}}
                """.formatted(SUB));

        assertThat(a.unreadable()).isEmpty();
        assertThat(a.attributes()).containsEntry("access.model", "access-policies").containsEntry("access.grantees",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 (application 11112222-3333-4444-5555-666677778888),"
                        + "5e0b8c2a-7d41-4f3e-8a9b-2c1d0e3f4a5b");
    }

    @Test
    void aVaultUnderRbacNamesItsModelAndNoGrantee() throws IOException {
        ObservedKey a = keyAWithVault("{\"name\": \"contoso-kv\", \"properties\": {\"enableRbacAuthorization\": true, "
                + "\"accessPolicies\": []}}");

        assertThat(a.attributes()).containsEntry("access.model", "rbac").doesNotContainKey("access.grantees");
    }

    @Test
    void aDeniedVaultReadLeavesTheKeysPartiallyObserved() throws IOException {
        ObservedKey a = keyAWithVault("ERROR: (AuthorizationFailed) The client does not have authorization to perform "
                + "action 'Microsoft.KeyVault/vaults/read'");

        assertThat(a.unreadable()).hasValueSatisfying(r -> assertThat(r).startsWith("vault access model: ERROR: (AuthorizationFailed)"));
        assertThat(a.attributes()).doesNotContainKey("access.model").containsEntry("kind", "ASYMMETRIC");
    }

    @Test
    void aManagedHsmIsUnderItsLocalRbac() throws IOException {
        ObservedKey hsm = vault("contoso-mhsm").describe(new KeyRef(Provider.AZURE, SUB, "contoso-mhsm",
                "https://contoso-mhsm.managedhsm.azure.net/keys/ml-artifacts")).orElseThrow();
        assertThat(hsm.attributes()).containsEntry("access.model", "rbac");
    }

    @Test
    void badListingsNameTheirFileAndField() throws IOException {
        String good = "{\"kid\": \"https://contoso-kv.vault.azure.net/keys/a\", \"attributes\": {\"enabled\": true}}";
        assertFormatError(Map.of("key-list.json", "[" + good + ",{\"attributes\": {}}]"), "key-list.json", "[1].kid");
        assertFormatError(Map.of("key-list.json", "[{\"kid\": \"https://other-kv.vault.azure.net/keys/a\"}]"),
                "key-list.json", "[0].kid");
        assertFormatError(Map.of("key-list.json", "[{\"kid\": \"https://contoso-kv.vault.azure.net/secrets/a\"}]"),
                "key-list.json", "[0].kid");
        assertFormatError(Map.of("key-list.json", "[{\"name\": \"a\", \"attributes\": \"enabled\"}]"),
                "key-list.json", "[0].attributes");
        assertFormatError(Map.of("key-list.json", "{\"value\": []}"), "key-list.json", "");
        assertFormatError(Map.of("key-list.json", "[" + good), "key-list.json", "");
        assertFormatError(Map.of("key-list.json", "[" + good + "]", "versions/a.json",
                "[{\"kid\": \"https://contoso-kv.vault.azure.net/keys/a\"}]"), "versions/a.json", "[0].kid");
        assertFormatError(Map.of("key-list.json", "[" + good + "]", "keys/a.json", "Pretty-printed key"),
                "keys/a.json", "");
        assertFormatError(Map.of("key-list-deleted.json", "[]"), "key-list.json", "");
        assertFormatError(Map.of("key-list.json", "[" + good + "]", "vault.json",
                "{\"properties\": {\"enableRbacAuthorization\": \"yes\"}}"), "vault.json", "properties.enableRbacAuthorization");
        assertFormatError(Map.of("key-list.json", "[" + good + "]", "vault.json",
                "{\"properties\": {\"accessPolicies\": [{\"permissions\": {\"keys\": [\"get\"]}}]}}"), "vault.json",
                "properties.accessPolicies[0].objectId");
    }

    private void assertFormatError(Map<String, String> files, String file, String field) throws IOException {
        try (Stream<Path> old = Files.walk(temp)) {
            old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(temp)).forEach(p -> p.toFile().delete());
        }
        Path vault = vaultWith(files);
        assertThatThrownBy(() -> READER.read(temp)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageStartingWith(vault.resolve(file).toString())
                .satisfies(e -> {
                    if (!field.isEmpty()) {
                        assertThat(e.getMessage()).contains("field '" + field + "'");
                    }
                });
    }
}
