package io.keyledger.azure.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.AiUsageCategory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerServicesTest {

    private static Caller managedIdentityOf(String resourceId) {
        return new Caller(Optional.of("oid"), Optional.empty(), Optional.of("app"), ResourceId.parse(resourceId));
    }

    @Test
    void firstPartyApplicationsAreKnownByTheirAppId() {
        Caller cosmos = new Caller(Optional.empty(), Optional.empty(), Optional.of("A232010E-820C-4083-83BB-3ACE5FC29D0B"),
                Optional.empty());
        assertThat(CallerServices.detect(cosmos, List.of())).map(CallingService::name).contains("Azure Cosmos DB");
    }

    @Test
    void managedIdentitiesAreKnownByTheirResource() {
        String prefix = "/subscriptions/s/resourcegroups/rg/providers/";
        assertThat(CallerServices.detect(managedIdentityOf(prefix + "Microsoft.Sql/servers/db1"), List.of()))
                .map(CallingService::name).contains("Azure SQL");
        assertThat(CallerServices.detect(managedIdentityOf(prefix + "Microsoft.Compute/diskEncryptionSets/des"), List.of()))
                .map(CallingService::name).contains("Azure Disk Encryption");
        CallingService ml = CallerServices.detect(
                managedIdentityOf(prefix + "Microsoft.MachineLearningServices/workspaces/ws"), List.of()).orElseThrow();
        assertThat(ml.ai()).isTrue();
        assertThat(ml.categories()).contains(AiUsageCategory.MODEL_ARTIFACTS);
        assertThat(CallerServices.detect(managedIdentityOf(prefix + "Microsoft.Search/searchServices/s"), List.of()))
                .hasValueSatisfying(s -> assertThat(s.categories()).containsExactly(AiUsageCategory.VECTOR_STORE));
    }

    @Test
    void userAgentsAreTheLastResort() {
        Caller someone = new Caller(Optional.of("oid"), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(CallerServices.detect(someone, List.of("k8s-kms-keyvault/v0.5.0 (linux/amd64)")))
                .map(CallingService::name).contains("Azure Kubernetes Service");
        assertThat(CallerServices.detect(someone, List.of("Azure Data Factory"))).map(CallingService::name)
                .contains("Azure Data Factory");
        assertThat(CallerServices.detect(someone, List.of("AZURECLI/2.61.0"))).isEmpty();
        assertThat(CallerServices.detect(Caller.UNKNOWN, List.of())).isEmpty();
    }

    @Test
    void aUserAssignedIdentityTellsNoService() {
        assertThat(CallerServices.detect(managedIdentityOf("/subscriptions/s/resourcegroups/rg/providers/"
                + "Microsoft.ManagedIdentity/userAssignedIdentities/app-id"), List.of())).isEmpty();
    }
}
