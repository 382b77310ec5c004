package io.keyledger.azure.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void keyIdentifiersAndRequestUrisNameAKey() {
        VaultObjectId id = VaultObjectId.parse("https://Contoso-KV.vault.azure.net:443/keys/Payments-CMK/4F1C2B7E9D0A4C3B8E6F5A4D3C2B1A09")
                .orElseThrow();
        assertThat(id).isEqualTo(new VaultObjectId("contoso-kv", "vault.azure.net", "keys", "payments-cmk",
                Optional.of("4f1c2b7e9d0a4c3b8e6f5a4d3c2b1a09")));
        assertThat(id.unversioned()).isEqualTo("https://contoso-kv.vault.azure.net/keys/payments-cmk");

        assertThat(VaultObjectId.parse("https://contoso-kv.vault.azure.net/keys/payments-cmk/wrapkey?api-version=7.4"))
                .hasValueSatisfying(o -> assertThat(o.version()).isEmpty());
        assertThat(VaultObjectId.parse("https://contoso-kv.vault.azure.net/deletedkeys/old/recover?api-version=7.4"))
                .hasValueSatisfying(o -> assertThat(o.collection()).isEqualTo("keys"));
        assertThat(VaultObjectId.parse("https://contoso.vault.azure.cn/keys/k")).hasValueSatisfying(o ->
                assertThat(o.unversioned()).isEqualTo("https://contoso.vault.azure.cn/keys/k"));
        assertThat(VaultObjectId.parse("https://hsm.managedhsm.azure.net/keys/k")).hasValueSatisfying(o ->
                assertThat(o.managedHsm()).isTrue());
        for (String none : List.of("https://contoso-kv.vault.azure.net/", "https://contoso-kv.vault.azure.net/keys",
                "https://contoso-kv.vault.azure.net/storage/x", "not a url at all", "https://localhost/keys/k")) {
            assertThat(VaultObjectId.parse(none)).as(none).isEmpty();
        }
    }

    @Test
    void resourceIdsAreReadWhateverTheirCase() {
        ResourceId r = ResourceId.parse("/SUBSCRIPTIONS/6F8A2C1E-3B4D-4E5F-9A0B-1C2D3E4F5A6B/RESOURCEGROUPS/RG"
                + "/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/CONTOSO-KV/KEYS/PAYMENTS-CMK/VERSIONS/ABC").orElseThrow();
        assertThat(r.subscription()).isEqualTo("6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b");
        assertThat(r.vault()).contains("contoso-kv");
        assertThat(r.key()).hasValueSatisfying(k -> {
            assertThat(k.unversioned()).isEqualTo("https://contoso-kv.vault.azure.net/keys/payments-cmk");
            assertThat(k.version()).contains("abc");
        });
        assertThat(ResourceId.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa")
                .orElseThrow().resourceType()).isEqualTo("microsoft.storage/storageaccounts");
        assertThat(ResourceId.parse("/resourceGroups/rg")).isEmpty();
        assertThat(ResourceId.parse("/subscriptions/s").orElseThrow().isKeyVault()).isFalse();
    }

    @Test
    void timesInEveryFormAzureWrites() {
        Instant t = Instant.parse("2016-01-05T01:32:01.2691226Z");
        assertThat(Instants.parse("2016-01-05T01:32:01.2691226Z")).contains(t);
        assertThat(Instants.parse("2016-01-05T02:32:01.2691226+01:00")).contains(t);
        assertThat(Instants.parse("2016-01-05T01:32:01.2691226")).contains(t);
        assertThat(Instants.parse("1559082102")).contains(Instant.ofEpochSecond(1559082102));
        assertThat(Instants.parse("1559082102.5")).contains(Instant.ofEpochSecond(1559082102, 500_000_000));
        assertThat(Instants.parse("soon")).isEmpty();
        assertThat(Instants.parse("99999999999999999999")).isEmpty();
    }
}
