package io.keyledger.infra.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.azure.functions.AzureFunctionNames;
import io.keyledger.azure.keyvault.AzureSweepOperation;
import io.keyledger.azure.functions.FunctionAppSettings;
import io.keyledger.infra.azure.Bicep.Arr;
import io.keyledger.infra.azure.Bicep.Declaration;
import io.keyledger.infra.azure.Bicep.Obj;
import io.keyledger.infra.azure.Bicep.Template;
import io.keyledger.infra.azure.Bicep.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * infra/azure's Bicep held against the code, since no Bicep compiler can run here: every template parses
 * (within the subset {@link Bicep} reads), every module gets the parameters it declares, the function app's
 * settings are those the code and its triggers read, each trigger's binding meets the resource and the role it
 * needs, and the sweep's custom role is exactly what the sweep declares.
 */
class AzureTemplatesTest {

    static final Path ROOT = repositoryRoot();
    static final Path TEMPLATES = ROOT.resolve("infra/azure");
    static final Path APP = ROOT.resolve("adapters-azure/target/azure-functions/keyledger");

    /** The built-in roles the app's identity may hold, by the name the template gives them. */
    static final Map<String, String> BUILT_IN_ROLES = Map.of(
            "storageBlobDataOwner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            "storageQueueDataContributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
            "storageTableDataContributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            "eventHubsDataReceiver", "a638d3c7-ab3a-418d-83e6-5f17a39d4fde",
            "eventGridDataSender", "d5a91429-5739-47e2-a06b-3470a27159e7");

    private static Template main;
    private static Template app;
    private static Template vaultEvents;
    private static Template sweepRole;
    private static Template activityLog;

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/azure"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no infra/azure above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @BeforeAll
    static void read() throws IOException {
        main = Bicep.read(TEMPLATES.resolve("main.bicep"));
        app = Bicep.read(TEMPLATES.resolve("modules/app.bicep"));
        vaultEvents = Bicep.read(TEMPLATES.resolve("modules/vault-events.bicep"));
        sweepRole = Bicep.read(TEMPLATES.resolve("modules/sweep-role.bicep"));
        activityLog = Bicep.read(TEMPLATES.resolve("modules/activity-log.bicep"));
    }

    static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".bicep")).sorted().toList();
        }
    }

    /** The function app's settings, by name, in the template's order. */
    static Map<String, Value> appSettings() {
        Declaration site = app.resources("Microsoft.Web/sites").get(0);
        Arr settings = (Arr) Bicep.at(site.body(), "properties.siteConfig.appSettings").orElseThrow();
        Map<String, Value> out = new LinkedHashMap<>();
        for (Value v : settings.items()) {
            Obj setting = (Obj) v;
            String name = app.literal(setting.get("name").orElseThrow()).orElseThrow();
            assertThat(out.put(name, setting.get("value").orElseThrow())).as("app setting " + name + " set once").isNull();
        }
        return out;
    }

    static String setting(String name) {
        Value value = appSettings().get(name);
        assertThat(value).as("app setting " + name).isNotNull();
        return app.literal(value).orElseThrow(() -> new AssertionError(name + " is not a literal in the template"));
    }

    /** The name of every resource of a type in app.bicep, each resolved to its literal. */
    static Set<String> names(String type) {
        Set<String> out = new HashSet<>();
        for (Declaration d : app.resources(type)) {
            app.literal(d.body().get("name").orElseThrow()).ifPresent(out::add);
            d.body().get("name").filter(Bicep.Interpolated.class::isInstance)
                    .map(v -> ((Bicep.Interpolated) v).source()).ifPresent(out::add);
        }
        return out;
    }

    static List<JsonNode> functionJson() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String function : AzureFunctionNames.ALL) {
            Path file = APP.resolve(function).resolve("function.json");
            assertThat(file).as("the function app folder is built first (adapters-azure's package phase)").isRegularFile();
            out.add(JsonMapper.builder().build().readTree(Files.readString(file)));
        }
        return out;
    }

    private static String unwrap(String expression) {
        assertThat(expression).startsWith("%").endsWith("%");
        return expression.substring(1, expression.length() - 1);
    }

    @Test
    void everyTemplateParsesAndTheReaderRefusesWhatItDoesNotKnow(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        for (Path template : templates()) {
            assertThat(Bicep.read(template).declarations()).as(template.toString()).isNotEmpty();
        }
        Path unknown = Files.writeString(dir.resolve("x.bicep"), "import * as types from 'types.bicep'\n");
        assertThatThrownBy(() -> Bicep.read(unknown)).hasMessageContaining("x.bicep:1:1")
                .hasMessageContaining("outside the subset");
        Path broken = Files.writeString(dir.resolve("y.bicep"), "var x = {\n  a: 'b' c: 'd'\n}\n");
        assertThatThrownBy(() -> Bicep.read(broken)).hasMessageContaining("y.bicep:2:");
    }

    @Test
    void everyModuleIsATemplateGivenExactlyTheParametersItDeclaresAndAllItRequires() throws IOException {
        for (Path file : templates()) {
            Template t = Bicep.read(file);
            for (Declaration module : t.all("module")) {
                Path target = file.getParent().resolve(module.type()).normalize();
                assertThat(target).as(file + " module " + module.name()).isRegularFile();
                Template called = Bicep.read(target);
                Set<String> given = ((Obj) module.body().get("params").orElse(new Obj(Map.of()))).properties().keySet();
                Set<String> declared = new HashSet<>();
                Set<String> required = new HashSet<>();
                for (Declaration p : called.all("param")) {
                    declared.add(p.name());
                    if (p.value().isEmpty()) {
                        required.add(p.name());
                    }
                }
                assertThat(declared).as(module.name() + " params").containsAll(given);
                assertThat(given).as(module.name() + " required params").containsAll(required);
                assertThat(module.body().get("scope")).as(module.name() + " scope").isPresent();
            }
        }
    }

    @Test
    void theAppSettingsAreThoseTheCodeAndItsTriggersReadAndHoldNoSecret() {
        Map<String, Value> settings = appSettings();
        Set<String> known = new HashSet<>(FunctionAppSettings.VARIABLES);
        known.addAll(FunctionAppSettings.HOST_SETTINGS);
        for (String name : settings.keySet()) {
            if (name.startsWith("KEYLEDGER_") && !known.contains(name)) {
                assertThat(name.startsWith(FunctionAppSettings.EVENT_HUB_CONNECTION + "__")
                        || name.startsWith(FunctionAppSettings.QUEUES_CONNECTION + "__"))
                        .as(name + " is read by the code, a trigger, or a binding's connection").isTrue();
            }
            if (name.startsWith("AzureWebJobs.")) {
                assertThat(name).matches("AzureWebJobs\\.[A-Za-z]+\\.Disabled");
                assertThat(AzureFunctionNames.ALL).contains(name.split("\\.")[1]);
            }
            String text = String.valueOf(settings.get(name));
            assertThat(text).as(name + " holds no key").doesNotContain("listKeys").doesNotContain("AccountKey");
        }
        assertThat(settings).containsKeys(FunctionAppSettings.HOST_SETTINGS.toArray(String[]::new));
        assertThat(settings).containsKeys(FunctionAppSettings.TENANTS, FunctionAppSettings.ADMIN_PRINCIPALS,
                FunctionAppSettings.APP_SERVICE_AUTH, FunctionAppSettings.ENTRA_ISSUER, FunctionAppSettings.ENTRA_AUDIENCE,
                FunctionAppSettings.QUEUE_SERVICE_URI, FunctionAppSettings.TABLES_ENDPOINT, FunctionAppSettings.ALERT_TOPIC,
                FunctionAppSettings.SUBSCRIPTIONS, FunctionAppSettings.CLIENT_ID,
                FunctionAppSettings.EVENT_HUB_CONNECTION + "__fullyQualifiedNamespace",
                "AzureWebJobsStorage__accountName");
        for (String function : AzureFunctionNames.ALL) {
            assertThat(settings).as("the deployment can pause " + function)
                    .containsKey("AzureWebJobs." + function + ".Disabled");
        }
        assertThat(setting("FUNCTIONS_WORKER_RUNTIME")).isEqualTo("java");
        assertThat(setting("FUNCTIONS_EXTENSION_VERSION")).isEqualTo("~4");
        Obj site = app.resources("Microsoft.Web/sites").get(0).body();
        assertThat(app.literal(Bicep.at(site, "properties.siteConfig.linuxFxVersion").orElseThrow())).contains("Java|17");
        assertThat(app.literal(site.get("kind").orElseThrow())).contains("functionapp,linux");
        assertThat(main.named("param", "paused").type()).isEqualTo("bool");
    }

    @Test
    void everyTriggerMeetsTheResourceItNamesThroughTheSettings() throws IOException {
        for (JsonNode function : functionJson()) {
            for (JsonNode binding : function.path("bindings")) {
                switch (binding.path("type").asString()) {
                    case "eventHubTrigger" -> {
                        assertThat(names("Microsoft.EventHub/namespaces/eventhubs"))
                                .contains(setting(unwrap(binding.path("eventHubName").asString())));
                        assertThat(names("Microsoft.EventHub/namespaces/eventhubs/consumergroups"))
                                .contains(setting(unwrap(binding.path("consumerGroup").asString())));
                        assertThat(appSettings()).containsKey(binding.path("connection").asString()
                                + "__fullyQualifiedNamespace");
                    }
                    case "queueTrigger" -> {
                        String queue = setting(unwrap(binding.path("queueName").asString()));
                        assertThat(names("Microsoft.Storage/storageAccounts/queueServices/queues"))
                                .contains(queue, "${sweepQueueName}-poison");
                        assertThat(appSettings()).containsKey(binding.path("connection").asString() + "__queueServiceUri");
                    }
                    case "timerTrigger" -> assertThat(appSettings())
                            .containsKey(unwrap(binding.path("schedule").asString()));
                    case "blob" -> {
                        String container = binding.path("path").asString().split("/")[0];
                        assertThat(names("Microsoft.Storage/storageAccounts/blobServices/containers")).contains(container);
                        assertThat(appSettings()).containsKey(binding.path("connection").asString() + "__accountName");
                    }
                    case "httpTrigger", "http", "eventGridTrigger" -> {
                        // served by the host itself; the Event Grid subscription is checked below
                    }
                    default -> throw new AssertionError("a binding this test does not check: " + binding);
                }
            }
        }
    }

    @Test
    void theKeyVaultEventsReachTheEventGridFunctionsAndTheLogsReachTheHub() {
        Obj subscription = vaultEvents.resources("Microsoft.EventGrid/systemTopics/eventSubscriptions").get(0).body();
        String destination = String.valueOf(Bicep.at(subscription, "properties.destination").orElseThrow());
        assertThat(destination).contains("/functions/" + AzureFunctionNames.INGEST_EVENT_GRID)
                .contains("/" + AzureFunctionNames.ROUTE_PREFIX + "/" + AzureFunctionNames.WEBHOOK_ROUTE + "?code=");
        assertThat(Bicep.at(subscription, "properties.deadLetterDestination.properties.blobContainerName"))
                .hasValue(new Bicep.Expr("deadLetterContainer"));
        assertThat(Bicep.at(main.named("module", "vaults").body(), "params.deadLetterContainer"))
                .hasValue(new Bicep.Expr("app.outputs.rejectedContainer"));
        assertThat(String.valueOf(app.named("output", "rejectedContainer").value().orElseThrow()))
                .contains("rejectedContainerName");
        assertThat(app.literal(app.named("var", "rejectedContainerName").value().orElseThrow()))
                .contains(AzureFunctionNames.REJECTED_CONTAINER);

        List<String> categories = new ArrayList<>();
        for (Template t : List.of(vaultEvents, activityLog)) {
            for (Declaration d : t.resources("Microsoft.Insights/diagnosticSettings")) {
                for (Value log : ((Arr) Bicep.at(d.body(), "properties.logs").orElseThrow()).items()) {
                    categories.add(t.literal(((Obj) log).get("category").orElseThrow()).orElseThrow());
                }
                assertThat(String.valueOf(Bicep.at(d.body(), "properties.eventHubName").orElseThrow()))
                        .contains("eventHubName");
            }
        }
        assertThat(categories).containsExactlyInAnyOrder("AuditEvent", "AuditEvent", "Administrative");
    }

    @Test
    void theAppsIdentityHoldsOnlyTheDataRolesOfTheResourcesItUses() {
        Obj roles = (Obj) app.named("var", "roles").value().orElseThrow();
        Map<String, String> declared = new LinkedHashMap<>();
        roles.properties().forEach((name, id) -> declared.put(name, app.literal(id).orElseThrow()));
        assertThat(declared).isEqualTo(BUILT_IN_ROLES);
        Map<String, String> scopes = new LinkedHashMap<>();
        for (Declaration d : app.resources("Microsoft.Authorization/roleAssignments")) {
            String role = String.valueOf(Bicep.at(d.body(), "properties.roleDefinitionId").orElseThrow());
            String used = BUILT_IN_ROLES.keySet().stream().filter(r -> role.contains("roles." + r + ")")).findFirst()
                    .orElseThrow(() -> new AssertionError(d.name() + " assigns a role not among the allowed: " + role));
            scopes.put(used, String.valueOf(d.body().get("scope").orElseThrow()));
        }
        assertThat(scopes).containsEntry("eventHubsDataReceiver", "Expr[source=logsHub]")
                .containsEntry("storageQueueDataContributor", "Expr[source=storage]")
                .containsEntry("eventGridDataSender", "Expr[source=alertTopic]");
    }

    @Test
    void theInventorysTablesAreMadeWhereTheStoreSettingsSayAndRetainAsTheirServiceCan() {
        String base = setting(FunctionAppSettings.TABLE);
        assertThat(base).isEqualTo("keyledger");
        // the store's two tables (InventoryTables.named): the base and its registry of tenants, in either service
        for (String type : List.of("Microsoft.Storage/storageAccounts/tableServices/tables",
                "Microsoft.DocumentDB/databaseAccounts/tables")) {
            assertThat(app.resources(type)).as(type).extracting(d -> String.valueOf(d.body().get("name").orElseThrow()))
                    .containsExactlyInAnyOrder("Expr[source=tableName]", "Expr[source=tenantsTableName]");
        }
        assertThat(app.literal(app.named("var", "tableName").value().orElseThrow())).hasValue(base);
        assertThat(app.named("var", "tenantsTableName").value()).hasValueSatisfying(v -> assertThat(v)
                .isInstanceOf(Bicep.Interpolated.class).hasToString("Interpolated[source=${tableName}tenants]"));
        // Cosmos DB for Table's time to live where the deployment uses Cosmos DB; the purge alone on Storage tables
        assertThat(String.valueOf(appSettings().get(FunctionAppSettings.TABLES_RETENTION)))
                .contains("store == 'cosmos' ? 'cosmos-ttl' : 'storage'");
        assertThat(String.valueOf(appSettings().get(FunctionAppSettings.TABLES_ENDPOINT)))
                .contains("table.cosmos.azure.com").contains("primaryEndpoints.table");
        assertThat(appSettings()).containsKey(FunctionAppSettings.PURGE_SCHEDULE)
                .doesNotContainKeys(FunctionAppSettings.TABLES_CONNECTION, FunctionAppSettings.QUEUES_CONNECTION);
        assertThat(main.named("param", "purgeSchedule").value()).isPresent();
    }

    @Test
    void theSweepsRoleIsDerivedFromTheDeclaredOperations() throws IOException {
        Path file = TEMPLATES.resolve("sweep-permissions.json");
        assertThat(Files.readString(file)).as("regenerate with io.keyledger.infra.azure.SweepPermissions " + file
                        + " (docs/azure/DEPLOY.md)")
                .isEqualTo(SweepPermissions.json(List.of(AzureSweepOperation.values())));
        assertThat(String.valueOf(sweepRole.named("var", "permissions").value().orElseThrow()))
                .isEqualTo("Expr[source=loadJsonContent('../sweep-permissions.json')]");
        Obj permissions = (Obj) ((Arr) Bicep.at(sweepRole.resources("Microsoft.Authorization/roleDefinitions").get(0)
                .body(), "properties.permissions").orElseThrow()).items().get(0);
        assertThat(permissions.get("actions")).hasValue(new Bicep.Expr("permissions.actions"));
        assertThat(permissions.get("dataActions")).hasValue(new Bicep.Expr("permissions.dataActions"));
        assertThat(permissions.get("notActions")).hasValue(new Arr(List.of()));
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(file));
        Map<AzureSweepOperation.Plane, String> grantedIn = Map.of(AzureSweepOperation.Plane.RESOURCE_MANAGER, "actions",
                AzureSweepOperation.Plane.VAULT, "dataActions", AzureSweepOperation.Plane.MANAGED_HSM,
                "managedHsmDataActions");
        Set<String> granted = new HashSet<>();
        for (String list : grantedIn.values()) {
            json.path(list).forEach(a -> {
                assertThat(a.asString()).as(list).doesNotContain("*");
                granted.add(list + " " + a.asString());
            });
        }
        Set<String> declared = new HashSet<>();
        for (AzureSweepOperation row : AzureSweepOperation.values()) {
            declared.add(grantedIn.get(row.plane()) + " " + row.operation().permission());
        }
        assertThat(granted).as("each declared operation granted where its plane grants it, and nothing else")
                .isEqualTo(declared);
        List<String> keyPermissions = new ArrayList<>();
        json.path("accessPolicyKeyPermissions").forEach(p -> keyPermissions.add(p.asString()));
        assertThat(keyPermissions).containsExactly("get", "getrotationpolicy", "list");
        String page = Files.readString(ROOT.resolve("docs/PERMISSIONS.md"));
        String azure = page.substring(page.indexOf("## Azure: what the sweep is granted"));
        for (String grant : List.of("actions", "dataActions", "managedHsmDataActions", "accessPolicyKeyPermissions")) {
            String row = azure.lines().filter(l -> l.startsWith("| `" + grant + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/PERMISSIONS.md has no row for " + grant));
            List<String> listed = new ArrayList<>();
            json.path(grant).forEach(p -> listed.add(p.asString()));
            assertThat(row.split("\\|")[3].replace("`", "").split(",")).as("docs/PERMISSIONS.md, " + grant)
                    .extracting(String::strip).containsExactlyInAnyOrderElementsOf(listed);
        }
        assertThat(Optional.ofNullable(sweepRole.targetScope())).hasValue("subscription");
    }
}
