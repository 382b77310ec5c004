package io.keyledger.azure.format;

import io.keyledger.core.key.AiUsageCategory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of the services that use Key Vault keys, and how each is recognised in a record. Rules
 * are tried in order; the first that matches names the service:
 * <ol>
 *   <li>{@link Signal#APP_ID}: the application id of a Microsoft first-party service principal, as the
 *       services' customer-managed-key documentation gives it (the principal one grants key access to).</li>
 *   <li>{@link Signal#MANAGED_IDENTITY_RESOURCE}: the resource type of the Azure resource whose managed
 *       identity called (token claims {@code xms_mirid} / {@code xms_az_rid}): most services reach a
 *       customer-managed key through their own system-assigned identity.</li>
 *   <li>{@link Signal#CLIENT_INFO}: a word in the user agent ({@code clientInfo}) or the Key Vault
 *       {@code trustedService} field; a heuristic, used last.</li>
 * </ol>
 */
public final class CallerServices {

    /** What a rule looks at. */
    public enum Signal { APP_ID, MANAGED_IDENTITY_RESOURCE, CLIENT_INFO }

    /**
     * One row of the table.
     *
     * @param match an application id, a resource type ({@code microsoft.storage/storageaccounts}, or a whole
     *              namespace {@code microsoft.sql}), or a lower-case word of the user agent
     */
    public record Rule(Signal signal, String match, CallingService service) {
    }

    private static final Set<AiUsageCategory> NONE = Set.of();

    private static final CallingService STORAGE = plain("Azure Storage");
    private static final CallingService SQL = plain("Azure SQL");
    private static final CallingService COSMOS = plain("Azure Cosmos DB");
    private static final CallingService DISKS = plain("Azure Disk Encryption");
    private static final CallingService VMS = plain("Azure Virtual Machines");
    private static final CallingService DATA_FACTORY = plain("Azure Data Factory");
    private static final CallingService SYNAPSE = plain("Azure Synapse Analytics");
    private static final CallingService DATABRICKS = plain("Azure Databricks");
    private static final CallingService AKS = plain("Azure Kubernetes Service");
    private static final CallingService APP_SERVICE = plain("Azure App Service");
    private static final CallingService FRONT_DOOR = plain("Azure Front Door");
    private static final CallingService POSTGRES = plain("Azure Database for PostgreSQL");
    private static final CallingService MYSQL = plain("Azure Database for MySQL");
    private static final CallingService EVENT_HUBS = plain("Azure Event Hubs");
    private static final CallingService SERVICE_BUS = plain("Azure Service Bus");
    private static final CallingService CONTAINER_REGISTRY = plain("Azure Container Registry");
    private static final CallingService BACKUP = plain("Azure Backup");
    private static final CallingService DATA_EXPLORER = plain("Azure Data Explorer");
    private static final CallingService AI_SERVICES = new CallingService("Azure AI Services (Azure OpenAI)", true,
            Set.of(AiUsageCategory.TENANT_AI_ENVIRONMENT));
    private static final CallingService OPENAI = new CallingService("Azure OpenAI", true,
            Set.of(AiUsageCategory.TENANT_AI_ENVIRONMENT));
    private static final CallingService MACHINE_LEARNING = new CallingService("Azure Machine Learning", true,
            Set.of(AiUsageCategory.MODEL_ARTIFACTS, AiUsageCategory.TRAINING_DATA));
    private static final CallingService AI_SEARCH = new CallingService("Azure AI Search", true,
            Set.of(AiUsageCategory.VECTOR_STORE));

    private static final List<Rule> RULES = List.of(
            new Rule(Signal.APP_ID, "a232010e-820c-4083-83bb-3ace5fc29d0b", COSMOS),
            new Rule(Signal.APP_ID, "57506a73-e302-42a9-b869-6f12d9ec29e9", COSMOS),
            new Rule(Signal.APP_ID, "2ff814a6-3304-4ab8-85cb-cd0e6f879c1d", DATABRICKS),
            new Rule(Signal.APP_ID, "abfa0a7c-a6b6-4736-8310-5855508787cd", APP_SERVICE),
            new Rule(Signal.APP_ID, "6a02c803-dafd-4136-b4c3-5a6f318b4714", APP_SERVICE),
            new Rule(Signal.APP_ID, "205478c0-bd83-4e1b-a9d6-db63a3e1e1c8", FRONT_DOOR),
            new Rule(Signal.APP_ID, "d4631ece-daab-479b-be77-ccb713491fc0", FRONT_DOOR),
            new Rule(Signal.APP_ID, "ad0e1c7e-6d38-4ba4-9efd-0bc77ba9f037", FRONT_DOOR),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.storage", STORAGE),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.sql", SQL),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.documentdb", COSMOS),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.compute/diskencryptionsets", DISKS),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.compute/virtualmachines", VMS),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.datafactory", DATA_FACTORY),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.cognitiveservices", AI_SERVICES),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.machinelearningservices", MACHINE_LEARNING),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.search", AI_SEARCH),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.synapse", SYNAPSE),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.databricks", DATABRICKS),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.containerservice", AKS),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.web", APP_SERVICE),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.dbforpostgresql", POSTGRES),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.dbformysql", MYSQL),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.eventhub", EVENT_HUBS),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.servicebus", SERVICE_BUS),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.containerregistry", CONTAINER_REGISTRY),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.recoveryservices", BACKUP),
            new Rule(Signal.MANAGED_IDENTITY_RESOURCE, "microsoft.kusto", DATA_EXPLORER),
            new Rule(Signal.CLIENT_INFO, "openai", OPENAI),
            new Rule(Signal.CLIENT_INFO, "cognitiveservices", AI_SERVICES),
            new Rule(Signal.CLIENT_INFO, "azureml", MACHINE_LEARNING),
            new Rule(Signal.CLIENT_INFO, "k8s-kms-keyvault", AKS),
            new Rule(Signal.CLIENT_INFO, "databricks", DATABRICKS),
            new Rule(Signal.CLIENT_INFO, "synapse", SYNAPSE),
            new Rule(Signal.CLIENT_INFO, "datafactory", DATA_FACTORY),
            new Rule(Signal.CLIENT_INFO, "cosmosdb", COSMOS),
            new Rule(Signal.CLIENT_INFO, "documentdb", COSMOS));

    private CallerServices() {
    }

    /** The table, in the order the rules are tried. */
    public static List<Rule> rules() {
        return RULES;
    }

    /**
     * The service behind a call, if any rule recognises it.
     *
     * @param userAgents the {@code clientInfo} user agent and the {@code trustedService} field, as present
     */
    public static Optional<CallingService> detect(Caller caller, List<String> userAgents) {
        for (Rule rule : RULES) {
            if (matches(rule, caller, userAgents)) {
                return Optional.of(rule.service());
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Rule rule, Caller caller, List<String> userAgents) {
        return switch (rule.signal()) {
            case APP_ID -> caller.appId().map(id -> id.equalsIgnoreCase(rule.match())).orElse(false);
            case MANAGED_IDENTITY_RESOURCE -> caller.managedIdentityResource()
                    .map(r -> r.resourceType().equals(rule.match()) || r.namespace().equals(rule.match()))
                    .orElse(false);
            case CLIENT_INFO -> userAgents.stream()
                    .map(ua -> ua.toLowerCase(Locale.ROOT).replace(" ", ""))
                    .anyMatch(ua -> ua.contains(rule.match()));
        };
    }

    private static CallingService plain(String name) {
        return new CallingService(name, false, NONE);
    }
}
