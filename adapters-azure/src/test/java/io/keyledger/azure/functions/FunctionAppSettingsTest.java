package io.keyledger.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.azure.keyvault.AzureSweepConfig;
import io.keyledger.azure.tables.InventoryTables;
import io.keyledger.azure.tables.TablesRetention;
import io.keyledger.azure.tables.TablesSettings;
import io.keyledger.core.key.Provider;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The app settings read in one place, each error naming its setting. */
class FunctionAppSettingsTest {

    @Test
    void aDeploymentsSettingsAreRead() {
        Map<String, String> env = FunctionApp.settings();
        env.put(FunctionAppSettings.QUEUE_SERVICE_URI, "https://keyledgerabc.queue.core.windows.net/");
        env.put(FunctionAppSettings.SUBSCRIPTIONS, FunctionApp.SUBSCRIPTION.toUpperCase() + ", " + FunctionApp.OTHER_SUBSCRIPTION);
        env.put(FunctionAppSettings.FOLLOW_UP_DELAY, "PT5M");

        FunctionAppSettings s = FunctionAppSettings.fromEnvironment(env);

        assertThat(s.tenants().tenantOf(Provider.AZURE, FunctionApp.SUBSCRIPTION)).isEqualTo("acme");
        assertThat(s.tenants().tenantOf(Provider.AZURE, "11111111-2222-4333-8444-555555555555")).isEqualTo("default");
        assertThat(s.subscriptions()).containsExactly(FunctionApp.SUBSCRIPTION, FunctionApp.OTHER_SUBSCRIPTION);
        assertThat(s.queueServiceUri()).contains(URI.create("https://keyledgerabc.queue.core.windows.net/"));
        assertThat(s.sweepQueue()).contains("keyledger-sweep");
        assertThat(s.appServiceAuth()).isTrue();
        assertThat(s.webhookOrigins()).isEqualTo(Set.of(FunctionAppSettings.EVENT_GRID_ORIGIN));
        assertThat(s.followUpDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.toString()).doesNotContain("azureObjectId").contains("adminPrincipals=(set)");
    }

    @Test
    void nothingSetIsAValidAppThatAuthenticatesNobody() {
        FunctionAppSettings s = FunctionAppSettings.fromEnvironment(Map.of());

        assertThat(s.authenticatesCallers()).isFalse();
        assertThat(s.followUpDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(s::requireSweepQueue).isInstanceOf(SettingsException.class)
                .hasMessage("KEYLEDGER_SWEEP_QUEUE is not set");
    }

    @Test
    void eachMistakeNamesItsSetting() {
        assertThat(error(FunctionAppSettings.SWEEP_QUEUE, "Keyledger_Sweep")).startsWith("KEYLEDGER_SWEEP_QUEUE:");
        assertThat(error(FunctionAppSettings.QUEUE_SERVICE_URI, "http://keyledger.queue.core.windows.net"))
                .contains("expected an https URL");
        assertThat(error(FunctionAppSettings.SUBSCRIPTIONS, "contoso")).contains("item 1 'contoso'");
        assertThat(error(FunctionAppSettings.APP_SERVICE_AUTH, "yes")).contains("true or false");
        assertThat(error(FunctionAppSettings.TENANTS, "{\"contoso\": \"acme\"}")).contains("field 'contoso'");
        assertThat(error(FunctionAppSettings.FOLLOW_UP_DELAY, "P30D")).contains("KEYLEDGER_SWEEP_FOLLOW_UP_DELAY");
        assertThat(error(FunctionAppSettings.ENTRA_ISSUER, "https://login.microsoftonline.com/t/v2.0"))
                .isEqualTo("KEYLEDGER_ENTRA_AUDIENCE is not set: an Entra ID issuer needs the audience its tokens are for");
        Map<String, String> both = new HashMap<>();
        both.put(FunctionAppSettings.SUBSCRIPTIONS, FunctionApp.SUBSCRIPTION);
        both.put(FunctionAppSettings.MANAGEMENT_GROUP, "contoso-root");
        assertThatThrownBy(() -> FunctionAppSettings.fromEnvironment(both)).hasMessageContaining("are both set");
    }

    @Test
    void theInventorysTablesAreWhereTheSettingsSayAndAConnectionStringIsNeverShown() {
        String azurite = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;"
                + "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
        Map<String, String> deployed = new HashMap<>(Map.of(FunctionAppSettings.TABLES_ENDPOINT,
                "https://keyledgerabc.table.cosmos.azure.com", FunctionAppSettings.TABLES_RETENTION, "cosmos-ttl",
                FunctionAppSettings.HOST_STORAGE_CONNECTION, azurite));
        Map<String, String> local = Map.of(FunctionAppSettings.TABLES_CONNECTION, azurite, FunctionAppSettings.TABLE,
                "inventory", FunctionAppSettings.QUEUES_CONNECTION, azurite);

        TablesSettings cosmos = FunctionAppSettings.fromEnvironment(deployed).requireTables();
        FunctionAppSettings onAzurite = FunctionAppSettings.fromEnvironment(local);

        assertThat(cosmos.endpoint()).contains("https://keyledgerabc.table.cosmos.azure.com");
        assertThat(cosmos.connectionString()).as("the host's storage is not the inventory when an endpoint is set")
                .isEmpty();
        assertThat(cosmos.retention()).isEqualTo(TablesRetention.COSMOS_TTL);
        assertThat(cosmos.tables()).isEqualTo(InventoryTables.named("keyledger"));
        assertThat(onAzurite.requireTables().connectionString()).contains(azurite);
        assertThat(onAzurite.requireTables().tables()).isEqualTo(InventoryTables.named("inventory"));
        assertThat(onAzurite.requireTables().retention()).isEqualTo(TablesRetention.STORAGE_PURGE);
        assertThat(onAzurite.queueConnection()).contains(azurite);
        assertThat(onAzurite.toString()).doesNotContain("AccountKey").contains("connectionString=(set)")
                .contains("queueConnection=(set)");
        assertThatThrownBy(() -> FunctionAppSettings.fromEnvironment(Map.of()).requireTables())
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("KEYLEDGER_TABLES_ENDPOINT is not set");
        assertThat(error(FunctionAppSettings.TABLES_ENDPOINT, "http://keyledgerabc.table.core.windows.net"))
                .contains("expected an https URL");
        Map<String, String> badRetention = new HashMap<>(local);
        badRetention.put(FunctionAppSettings.TABLES_RETENTION, "forever");
        assertThatThrownBy(() -> FunctionAppSettings.fromEnvironment(badRetention)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("KEYLEDGER_TABLES_RETENTION: expected storage or cosmos-ttl");
    }

    @Test
    void whatTheSweepCoversAndItsPaceAreRead() {
        Map<String, String> env = new HashMap<>(Map.of(FunctionAppSettings.MANAGEMENT_GROUP, "contoso-root",
                FunctionAppSettings.SWEEP_QUOTA_SHARE, "0.25", FunctionAppSettings.RESOURCE_MANAGER,
                "https://management.usgovcloudapi.net"));

        AzureSweepConfig sweep = FunctionAppSettings.fromEnvironment(env).sweep();

        assertThat(sweep.managementGroup()).contains("contoso-root");
        assertThat(sweep.subscriptions()).isEmpty();
        assertThat(sweep.pacing().quotaShare()).isEqualTo(0.25);
        assertThat(sweep.resourceManager()).isEqualTo(URI.create("https://management.usgovcloudapi.net"));
        assertThat(FunctionAppSettings.fromEnvironment(Map.of()).sweep().resourceManager())
                .isEqualTo(AzureSweepConfig.PUBLIC_CLOUD);
        assertThat(error(FunctionAppSettings.SWEEP_QUOTA_SHARE, "2")).startsWith("KEYLEDGER_SWEEP_QUOTA_SHARE:");
        assertThat(error(FunctionAppSettings.SWEEP_QUOTA_SHARE, "half")).startsWith("KEYLEDGER_SWEEP_QUOTA_SHARE:");
        assertThat(error(FunctionAppSettings.RESOURCE_MANAGER, "http://management.azure.com"))
                .startsWith("KEYLEDGER_RESOURCE_MANAGER:");
    }

    private static String error(String name, String value) {
        try {
            FunctionAppSettings.fromEnvironment(Map.of(name, value));
        } catch (SettingsException e) {
            return e.getMessage();
        }
        throw new AssertionError(name + "=" + value + " was accepted");
    }
}
