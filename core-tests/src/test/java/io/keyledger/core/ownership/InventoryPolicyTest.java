package io.keyledger.core.ownership;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.azureKey;
import static io.keyledger.testkit.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.alert.PolicyFormatException;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.assembly.TenantPolicies;
import io.keyledger.core.event.Action;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.OwnerBasis;
import io.keyledger.core.key.ResponsibilityBasis;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.tenant.TenantResolver;
import io.keyledger.testkit.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Owners from tags, declarations or the creator; responsible parties by the tenant's rules or per key. */
class InventoryPolicyTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final KeyRef key = awsKey("1234abcd-12ab-34cd-56ef-1234567890ab");

    private InventoryService inventory(InventoryPolicies policies) {
        return CoreServices.of(store, clock, CoreSettings.DEFAULTS.withTenants(TenantResolver.single("acme"))
                .withoutAnomalyDetection().withInventoryPolicies(policies)).inventory();
    }

    private CryptoAsset asset() {
        return store.asset("acme", key.id()).orElseThrow().value();
    }

    private static JsonNode yaml(String text) {
        return YAMLMapper.builder().build().readTree(text);
    }

    @Test
    void anOwnerTagNamesTheOwnerAndWithoutOneTheCreatorIsTheInferredOwner() {
        InventoryService inventory = inventory(InventoryPolicies.DEFAULT);
        inventory.apply(List.of(event("c1", T0, Action.CREATE, key, Map.of("manager", "CUSTOMER"))));
        assertThat(asset().owner()).contains("arn:aws:iam::111122223333:user/alice");
        assertThat(asset().ownership().basis()).isEqualTo(OwnerBasis.CREATOR);
        assertThat(asset().ownership().inferred()).isTrue();

        inventory.apply(List.of(event("t1", T0.plusSeconds(60), Action.TAG, key, Map.of("tag.Owner", "payments"))));
        assertThat(asset().owner()).contains("payments");
        assertThat(asset().ownership().basis()).isEqualTo(OwnerBasis.TAG);
        assertThat(asset().ownership().tag()).contains("Owner");

        inventory.apply(List.of(event("u1", T0.plusSeconds(120), Action.TAG, key, Map.of("untag", "Owner"))));
        assertThat(asset().ownership().basis()).isEqualTo(OwnerBasis.CREATOR);
    }

    @Test
    void aDeclaredOwnerWinsOverTagsAndAnOwnerChangeIsLedgeredLikeAnyChange() {
        InventoryService inventory = inventory(InventoryPolicies.DEFAULT);
        inventory.apply(List.of(event("c1", T0, Action.CREATE, key, Map.of("tag.team", "risk"))));
        long changes = ledgerChanges();
        inventory.apply(List.of(event("a1", T0.plusSeconds(60), Action.ANNOTATE, key, Map.of("owner", "treasury"))));

        assertThat(asset().owner()).contains("treasury");
        assertThat(asset().ownership().basis()).isEqualTo(OwnerBasis.DECLARED);
        assertThat(ledgerChanges()).isEqualTo(changes + 1);

        inventory.apply(List.of(event("a2", T0.plusSeconds(120), Action.ANNOTATE, key, Map.of("owner", ""))));
        assertThat(asset().owner()).contains("risk");
    }

    @Test
    void theTenantsOwnerTagKeysAreTriedInTheirOrder() {
        TenantPolicies file = TenantPolicies.parse("policy.yaml", yaml("""
                inventory:
                  owner-tags: [CostCentre, team]
                  owner-from-creator: false
                """));
        InventoryService inventory = inventory(file.inventory());
        inventory.apply(List.of(event("c1", T0, Action.CREATE, key, Map.of("tag.team", "risk",
                "tag.CostCentre", "cc-4711", "tag.Owner", "ignored"))));
        assertThat(asset().owner()).contains("cc-4711");

        inventory.apply(List.of(event("u1", T0.plusSeconds(1), Action.TAG, key, Map.of("untag", "CostCentre,team"))));
        assertThat(asset().owner()).isEmpty();
        assertThat(asset().ownership().basis()).isEqualTo(OwnerBasis.NONE);
    }

    @Test
    void responsibilityFollowsTheDefaultRules() {
        InventoryPolicy p = InventoryPolicy.DEFAULT;
        CryptoAsset base = CryptoAsset.newKey(key, "acme", T0, "e").build();

        assertThat(p.apply(base).responsibility().party()).isEqualTo(ResponsibilityParty.UNKNOWN);
        assertThat(p.apply(base.toBuilder().manager(io.keyledger.core.key.KeyManager.PROVIDER).build())
                .responsibility()).satisfies(r -> {
                    assertThat(r.party()).isEqualTo(ResponsibilityParty.PROVIDER);
                    assertThat(r.rule()).contains("provider-managed");
                    assertThat(r.basis()).isEqualTo(ResponsibilityBasis.RULE);
                });
        CryptoAsset customer = base.toBuilder().manager(io.keyledger.core.key.KeyManager.CUSTOMER).build();
        assertThat(p.apply(customer).responsibility().party()).isEqualTo(ResponsibilityParty.CUSTOMER);
        assertThat(p.apply(customer.toBuilder().origin(io.keyledger.core.key.KeyOrigin.EXTERNAL).build())
                .responsibility().mode()).hasValueSatisfying(m -> assertThat(m).contains("HYOK"));
        assertThat(p.apply(customer.toBuilder().origin(io.keyledger.core.key.KeyOrigin.IMPORTED).build())
                .responsibility().mode()).hasValueSatisfying(m -> assertThat(m).contains("BYOK"));
        assertThat(p.apply(customer.toBuilder().usageContext(customer.usageContext()
                .withService("bedrock.amazonaws.com", true)).build()).responsibility().party())
                .isEqualTo(ResponsibilityParty.SHARED);
    }

    @Test
    void aPartySetForAKeyOverridesTheRulesUntilCleared() {
        InventoryService inventory = inventory(InventoryPolicies.DEFAULT);
        inventory.apply(List.of(event("c1", T0, Action.CREATE, key, Map.of("manager", "CUSTOMER"))));
        assertThat(asset().responsibility().party()).isEqualTo(ResponsibilityParty.CUSTOMER);

        inventory.apply(List.of(event("a1", T0.plusSeconds(1), Action.ANNOTATE, key,
                Map.of("responsibility.party", "SHARED", "responsibility.mode", "operated by the payments partner"))));
        assertThat(asset().responsibility().party()).isEqualTo(ResponsibilityParty.SHARED);
        assertThat(asset().responsibility().basis()).isEqualTo(ResponsibilityBasis.OVERRIDE);
        assertThat(asset().responsibility().mode()).contains("operated by the payments partner");

        inventory.apply(List.of(event("a2", T0.plusSeconds(2), Action.ANNOTATE, key, Map.of("responsibility.party", ""))));
        assertThat(asset().responsibility().party()).isEqualTo(ResponsibilityParty.CUSTOMER);
        assertThat(asset().responsibility().basis()).isEqualTo(ResponsibilityBasis.RULE);
    }

    @Test
    void perTenantRulesReplaceTheDefaultsForThatTenantOnly() {
        TenantPolicies file = TenantPolicies.parse("policy.yaml", yaml("""
                tenants:
                  acme:
                    inventory:
                      responsibility:
                        - {when: provider-managed, party: provider}
                        - {when: any, party: shared, mode: "co-managed with the MSP"}
                """));
        InventoryPolicy acme = file.inventory().forTenant("acme");
        assertThat(acme.responsibility()).hasSize(2);
        assertThat(file.inventory().forTenant("other")).isEqualTo(InventoryPolicy.DEFAULT);
        CryptoAsset k = CryptoAsset.newKey(azureKey("sub", "k"), "acme", T0, "e")
                .manager(io.keyledger.core.key.KeyManager.CUSTOMER).build();
        assertThat(acme.apply(k).responsibility().mode()).contains("co-managed with the MSP");
    }

    @Test
    void aBadInventoryBlockIsRefusedNamingTheFileAndTheField() {
        assertThatThrownBy(() -> TenantPolicies.parse("policy.yaml", yaml("""
                inventory:
                  responsibility:
                    - {when: customer-manged, party: customer}
                """))).isInstanceOf(PolicyFormatException.class)
                .hasMessageContaining("policy.yaml: inventory.responsibility[0].when: unknown condition 'customer-manged'");
        assertThatThrownBy(() -> TenantPolicies.parse("policy.yaml", yaml("""
                inventory:
                  owner-tag: [Owner]
                """))).hasMessageContaining("inventory.owner-tag: unknown field");
        assertThatThrownBy(() -> TenantPolicies.parse("policy.yaml", yaml("""
                inventory:
                  responsibility:
                    - {when: any, party: unknown}
                """))).hasMessageContaining("party");
        assertThatThrownBy(() -> TenantPolicies.parse("policy.yaml", yaml("""
                inventory:
                  owner-tags: Owner
                """))).hasMessageContaining("inventory.owner-tags: expected a list");
    }

    @Test
    void aRecordStoredBeforeOwnershipExistedKeepsItsOwnerAsDeclared() {
        CryptoAsset legacy = io.keyledger.core.json.Json.read("""
                {"ref":{"provider":"AWS","accountScope":"111122223333","location":"us-east-1",
                 "nativeId":"arn:aws:kms:us-east-1:111122223333:key/k"},"tenant":"acme","kind":"SYMMETRIC",
                 "algorithm":"AES-256","nativeSpec":null,"keyUsage":"ENCRYPT_DECRYPT","protection":"HSM",
                 "origin":"GENERATED","manager":"CUSTOMER","state":"ACTIVE","nativeState":"Enabled",
                 "dates":{},"rotation":{"enabled":false},"versions":[],"aliases":[],"tags":{},"owner":"alice",
                 "description":null,"usageContext":{"services":[],"aiServices":[],"aiCategories":[]},
                 "responsibility":{"party":"SHARED","mode":"BYOK"},"regulatory":{},"replicaOf":null,
                 "multiRegion":false,"keyStore":null,
                 "provenance":{"firstSeenAt":"2026-01-01T00:00:00Z","lastEventAt":"2026-01-01T00:00:00Z",
                 "lastEventId":"e","observation":"FULL"},"retainedUntil":null}""", CryptoAsset.class);

        assertThat(legacy.ownership().declared()).contains("alice");
        assertThat(legacy.responsibility().overridden()).isTrue();
        assertThat(InventoryPolicy.DEFAULT.apply(legacy).owner()).contains("alice");
        assertThat(legacy.provenance().unknownAttributes()).isEmpty();
        assertThat(legacy.usageContext().protects().isEmpty()).isTrue();
    }

    private long ledgerChanges() {
        return store.ledger("acme", 1, Optional.empty(), true, PageRequest.first(1000)).items().stream()
                .filter(r -> r.type() == LedgerEntryType.ASSET_CHANGED).count();
    }
}
