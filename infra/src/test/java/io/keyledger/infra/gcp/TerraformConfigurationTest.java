package io.keyledger.infra.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * infra/gcp against the code: every reference resolves and every variable is used; each function deploys an
 * entry point of the built jar with the settings its function reads; the triggers deliver what each entry
 * point takes; the custom role and the TTL policies are the code's declarations. No Terraform binary runs
 * here: what only Google Cloud can check is listed in docs/gcp/DEPLOY.md.
 */
class TerraformConfigurationTest {

    /** Read by the JVM, not by KeyLedger. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    @TempDir
    static Path tmp;

    static Terraform tf;
    static FunctionsJar jar;
    static Map<String, FunctionsJar.EntryPoint> entryPoints = new LinkedHashMap<>();

    @BeforeAll
    static void load() {
        tf = Terraform.load(Terraform.directory());
        jar = FunctionsJar.open(tmp);
        jar.entryPoints().forEach(e -> entryPoints.put(e.className(), e));
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    private static Map<String, JsonNode> functions() {
        return tf.resources("google_cloudfunctions2_function");
    }

    private static FunctionsJar.EntryPoint entryPointOf(String function) {
        String entry = functions().get(function).path("build_config").path("entry_point").asString();
        FunctionsJar.EntryPoint e = entryPoints.get(entry);
        assertThat(e).as(function + ": entry point " + entry + " is one the jar declares").isNotNull();
        return e;
    }

    /** The variables a function's environment sets, its locals merged as Terraform merges them. */
    private static Set<String> environment(String function) {
        JsonNode env = functions().get(function).path("service_config").path("environment_variables");
        Set<String> names = new LinkedHashSet<>();
        if (env.isObject()) {
            names.addAll(env.propertyNames());
        } else {
            for (String local : Terraform.localsIn(env.asString())) {
                JsonNode value = tf.locals.get(local);
                assertThat(value).as(function + ": local." + local).isNotNull();
                names.addAll(value.propertyNames());
            }
        }
        return names;
    }

    @Test
    void everyReferenceNamesSomethingDeclared() {
        for (Terraform.Reference r : tf.references) {
            switch (r.kind()) {
                case "var" -> assertThat(tf.variables).as(r.where() + ": var." + r.name()).containsKey(r.name());
                case "local" -> assertThat(tf.locals).as(r.where() + ": local." + r.name()).containsKey(r.name());
                case "data" -> {
                    String[] p = r.name().split("\\.");
                    assertThat(tf.data.getOrDefault(p[0], Map.of())).as(r.where() + ": data." + r.name()).containsKey(p[1]);
                }
                default -> {
                    String[] p = r.name().split("\\.");
                    assertThat(tf.resources(p[0])).as(r.where() + ": " + r.name()).containsKey(p[1]);
                }
            }
        }
        assertThat(tf.references).hasSizeGreaterThan(100);
    }

    @Test
    void everyVariableIsUsedAndDescribed() {
        Set<String> used = new TreeSet<>();
        tf.references.stream().filter(r -> r.kind().equals("var")).forEach(r -> used.add(r.name()));
        assertThat(used).containsExactlyInAnyOrderElementsOf(tf.variables.keySet());
        tf.variables.forEach((name, v) -> assertThat(v.path("description").asString()).as(name).isNotBlank());
        assertThat(tf.variables.get("project").has("default")).as("the project is always given").isFalse();
    }

    @Test
    void everyEntryPointOfTheJarIsDeployedOnceOnJava17FromTheBuiltArchive() {
        List<String> deployed = functions().values().stream()
                .map(f -> f.path("build_config").path("entry_point").asString()).toList();
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(entryPoints.keySet());
        functions().forEach((name, f) -> {
            assertThat(f.path("build_config").path("runtime").asString()).as(name).isEqualTo("java17");
            JsonNode source = f.path("build_config").path("source").path("storage_source");
            assertThat(source.path("object").asString()).isEqualTo("${google_storage_bucket_object.functions_source.name}");
        });
        assertThat(tf.variables.get("functions_source_zip").path("default").asString())
                .isEqualTo("../../" + FunctionsJar.ZIP);
        assertThat(tf.resource("google_storage_bucket_object", "functions_source").path("source").asString())
                .isEqualTo("${var.functions_source_zip}");
    }

    @Test
    void eachFunctionSetsExactlyTheSettingsItsFunctionReads() {
        Set<String> read = jar.strings("io.keyledger.gcp.functions.GcpSettings", "VARIABLES");
        for (String function : functions().keySet()) {
            Set<String> set = new TreeSet<>(environment(function));
            set.removeAll(JVM_VARIABLES);
            assertThat(read).as(function + ": variables set but read by no function").containsAll(set);
            assertThat(set).as(function).containsExactlyInAnyOrderElementsOf(entryPointOf(function).settings());
        }
    }

    @Test
    void theEventarcTriggersDeliverEachCloudKmsMethodThatChangesAKeyToTheCloudEventIngest() {
        JsonNode trigger = tf.resource("google_eventarc_trigger", "kms_audit");
        assertThat(trigger.path("for_each").asString()).contains("local.kms_admin_activity_methods")
                .contains("local.eventarc_route");
        assertThat(tf.locals.get("kms_admin_activity_methods").asString())
                .isEqualTo("${local.from_code.kms_admin_activity_methods}");
        Map<String, String> criteria = new LinkedHashMap<>();
        trigger.path("matching_criteria").forEach(c -> criteria.put(c.path("attribute").asString(), c.path("value").asString()));
        assertThat(criteria).containsExactly(Map.entry("type", "google.cloud.audit.log.v1.written"),
                Map.entry("serviceName", "cloudkms.googleapis.com"), Map.entry("methodName", "${each.value}"));
        assertThat(trigger.path("destination").path("cloud_run_service").path("service").asString())
                .isEqualTo("${google_cloudfunctions2_function.ingest_events.name}");
        FunctionsJar.EntryPoint target = entryPointOf("ingest_events");
        assertThat(target.signature()).isEqualTo("CLOUDEVENT");
        assertThat(target.function()).isEqualTo("ingestAuditLog");
        assertThat(trigger.path("service_account").asString()).isEqualTo("${google_service_account.invoker.email}");
    }

    @Test
    void theLogSinkRoutePushesCloudKmsEntriesToTheHttpIngestWithADeadLetterTopic() {
        assertThat(tf.locals.get("audit_log_filter").asString()).contains("cloudkms.googleapis.com")
                .contains("protoPayload.serviceName=%q").contains("cloudaudit.googleapis.com%2Factivity");
        for (String sink : List.of("google_logging_project_sink", "google_logging_folder_sink", "google_logging_organization_sink")) {
            JsonNode s = tf.resource(sink, "kms_audit");
            assertThat(s.path("destination").asString()).as(sink).isEqualTo("pubsub.googleapis.com/${google_pubsub_topic.audit[0].id}");
            assertThat(s.path("filter").asString()).isEqualTo("${local.audit_log_filter}");
            assertThat(s.path("disabled").asString()).as(sink + " off when the deployment is").isEqualTo("${!var.enabled}");
        }
        assertThat(tf.resource("google_logging_folder_sink", "kms_audit").path("include_children").asBoolean()).isTrue();
        assertThat(tf.resource("google_logging_organization_sink", "kms_audit").path("include_children").asBoolean()).isTrue();
        JsonNode push = tf.resource("google_pubsub_subscription", "audit_push");
        assertThat(push.path("push_config").path("push_endpoint").asString())
                .isEqualTo("${google_cloudfunctions2_function.ingest_push.service_config[0].uri}");
        assertThat(push.path("push_config").path("oidc_token").path("service_account_email").asString())
                .isEqualTo("${google_service_account.invoker.email}");
        assertThat(push.path("dead_letter_policy").path("dead_letter_topic").asString())
                .isEqualTo("${google_pubsub_topic.audit_dead_letter[0].id}");
        assertThat(entryPointOf("ingest_push").signature()).isEqualTo("HTTP");
        assertThat(entryPointOf("ingest_push").function()).isEqualTo("ingestAuditLog");
    }

    @Test
    void theWorkerTakesTheTopicTheSweepPublishesTo() {
        JsonNode trigger = functions().get("sweep_worker").path("event_trigger");
        assertThat(trigger.path("event_type").asString()).isEqualTo("google.cloud.pubsub.topic.v1.messagePublished");
        assertThat(trigger.path("pubsub_topic").asString()).isEqualTo("${google_pubsub_topic.sweep.id}");
        assertThat(trigger.path("retry_policy").asString()).isEqualTo("RETRY_POLICY_RETRY");
        assertThat(tf.locals.get("sweep_env").path("KEYLEDGER_SWEEP_TOPIC").asString()).isEqualTo("${google_pubsub_topic.sweep.id}");
        assertThat(entryPointOf("sweep_worker").signature()).isEqualTo("CLOUDEVENT");
        assertThat(entryPointOf("sweep_worker").function()).isEqualTo("sweepScope");
        assertThat(functions().keySet().stream().filter(f -> functions().get(f).has("event_trigger")))
                .as("the other functions are HTTP targets").containsExactly("sweep_worker");
    }

    @Test
    void cloudSchedulerPostsToTheFanOutWithItsOidcToken() {
        JsonNode job = tf.resource("google_cloud_scheduler_job", "sweep");
        JsonNode http = job.path("http_target");
        assertThat(http.path("http_method").asString()).isEqualTo("POST");
        assertThat(http.path("uri").asString()).isEqualTo("${google_cloudfunctions2_function.sweep_schedule.service_config[0].uri}");
        assertThat(http.path("oidc_token").path("audience").asString()).isEqualTo(http.path("uri").asString());
        assertThat(job.path("paused").asString()).isEqualTo("${!var.enabled}");
        assertThat(entryPointOf("sweep_schedule").signature()).isEqualTo("HTTP");
        assertThat(entryPointOf("sweep_schedule").function()).isEqualTo("sweepFanOut");
    }

    @Test
    void onlyTheTriggersIdentityInvokesTheInternalFunctionsAndTheAdminApiIsReachable() {
        Map<String, JsonNode> invokers = tf.resources("google_cloud_run_service_iam_member");
        for (String function : List.of("ingest_events", "ingest_push", "sweep_schedule", "sweep_worker")) {
            assertThat(functions().get(function).path("service_config").path("ingress_settings").asString())
                    .as(function).isEqualTo("ALLOW_INTERNAL_ONLY");
            JsonNode binding = invokers.get(function + "_invoker");
            assertThat(binding).as(function).isNotNull();
            assertThat(binding.path("service").asString()).isEqualTo("${google_cloudfunctions2_function." + function + ".name}");
            assertThat(binding.path("member").asString()).isEqualTo("serviceAccount:${google_service_account.invoker.email}");
        }
        assertThat(functions().get("admin_api").path("service_config").path("ingress_settings").asString()).isEqualTo("ALLOW_ALL");
        assertThat(invokers.get("admin_api_invokers").path("for_each").asString()).isEqualTo("${toset(var.admin_api_invokers)}");
        assertThat(tf.locals.get("admin_env").path("KEYLEDGER_ADMIN_AUDIENCES").asString()).isEqualTo("${local.admin_api_url}");
        assertThat(tf.locals.get("admin_api_url").asString())
                .isEqualTo("https://${var.region}-${var.project}.cloudfunctions.net/keyledger-admin-api");
        assertThat(functions().get("admin_api").path("name").asString()).isEqualTo("${local.admin_api_name}");
        assertThat(tf.locals.get("admin_api_name").asString()).isEqualTo("keyledger-admin-api");
    }

    @Test
    void theCustomRoleIsTheSweepsDeclaredOperationsAtTheProjectOrTheOrganisation() {
        assertThat(tf.resource("google_project_iam_custom_role", "sweep").path("permissions").asString())
                .isEqualTo("${local.sweep_permissions}");
        assertThat(tf.resource("google_organization_iam_custom_role", "sweep").path("permissions").asString())
                .isEqualTo("${concat(local.sweep_permissions, local.discovery_permissions)}");
        assertThat(tf.locals.get("sweep_permissions").asString()).isEqualTo("${local.from_code.sweep_permissions}");
        assertThat(tf.locals.get("discovery_permissions").asString()).isEqualTo("${local.from_code.discovery_permissions}");
        assertThat(tf.locals.get("from_code").asString()).contains("code-declarations.json");
        // The organisation variants: the role bound at the organisation, a folder, or each listed project
        assertThat(tf.resource("google_organization_iam_member", "sweep_organization").path("role").asString())
                .isEqualTo("${local.sweep_role}");
        assertThat(tf.resource("google_folder_iam_member", "sweep_folder").path("folder").asString())
                .isEqualTo("folders/${var.folder_id}");
        assertThat(tf.resource("google_project_iam_member", "sweep_listed_projects").path("for_each").asString())
                .contains("var.sweep_projects");
        assertThat(tf.resources("google_project_iam_member").values().stream().map(b -> b.path("role").asString()))
                .as("no predefined role beyond Firestore's and Eventarc's receiver, and the token creator of Pub/Sub's agent")
                .allMatch(role -> role.equals("${local.sweep_role}") || role.equals("roles/datastore.user")
                        || role.equals("roles/eventarc.eventReceiver") || role.equals("roles/iam.serviceAccountTokenCreator"));
    }

    @Test
    void firestoreHasItsTtlPolicyOnTheStoresExpiryField() {
        JsonNode ttl = tf.resource("google_firestore_field", "ttl");
        assertThat(ttl.path("for_each").asString()).isEqualTo("${toset(local.firestore_ttl_collection_groups)}");
        assertThat(ttl.path("field").asString()).isEqualTo("${local.firestore_ttl_field}");
        assertThat(ttl.has("ttl_config")).isTrue();
        assertThat(ttl.path("database").asString()).isEqualTo("${google_firestore_database.inventory.name}");
        JsonNode db = tf.resource("google_firestore_database", "inventory");
        assertThat(db.path("type").asString()).isEqualTo("FIRESTORE_NATIVE");
        assertThat(db.path("deletion_policy").asString()).as("destroy keeps the inventory").isEqualTo("ABANDON");
        assertThat(db.path("delete_protection_state").asString()).isEqualTo("DELETE_PROTECTION_ENABLED");
        assertThat(tf.locals.get("common_env").path("KEYLEDGER_FIRESTORE_DATABASE").asString())
                .isEqualTo("${google_firestore_database.inventory.name}");
        assertThat(tf.locals.get("firestore_ttl_collection_groups").asString())
                .isEqualTo("${local.from_code.firestore_ttl_collection_groups}");
        assertThat(tf.locals.get("firestore_ttl_field").asString()).isEqualTo("${local.from_code.firestore_ttl_field}");
    }

    @Test
    void firestoreHasTheCompositeIndexesTheStoresQueriesNeed() {
        JsonNode index = tf.resource("google_firestore_index", "composite");
        assertThat(index.path("for_each").asString()).isEqualTo("${local.firestore_indexes}");
        assertThat(tf.locals.get("firestore_indexes").asString()).isEqualTo("${local.from_code.firestore_indexes}");
        assertThat(index.path("database").asString()).isEqualTo("${google_firestore_database.inventory.name}");
        assertThat(index.path("collection").asString()).isEqualTo("${each.value.collection}");
        assertThat(index.path("query_scope").asString()).isEqualTo("COLLECTION");
        JsonNode fields = index.path("dynamic").path("fields");
        assertThat(fields.path("for_each").asString()).isEqualTo("${each.value.fields}");
        assertThat(fields.path("content").path("field_path").asString()).isEqualTo("${fields.value}");
        assertThat(fields.path("content").path("order").asString()).isEqualTo("ASCENDING");
    }

    @Test
    void theAlertTopicIsWhereAlertsArePublishedAndEveryFunctionMayPublishThere() {
        assertThat(tf.locals.get("common_env").path("KEYLEDGER_ALERT_TOPIC").asString()).isEqualTo("${google_pubsub_topic.alerts.id}");
        JsonNode publishers = tf.resource("google_pubsub_topic_iam_member", "alerts_publishers");
        assertThat(publishers.path("for_each").asString()).contains("ingest").contains("sweep").contains("admin");
        assertThat(publishers.path("role").asString()).isEqualTo("roles/pubsub.publisher");
    }

    @Test
    void turningItOffPausesTheScheduleDisablesTheSinksAndRemovesTheTriggers() {
        assertThat(tf.variables.get("enabled").path("default").asBoolean()).isTrue();
        assertThat(tf.locals.get("eventarc_route").asString()).startsWith("${var.enabled && ");
        assertThat(tf.resource("google_cloud_scheduler_job", "sweep").path("paused").asString()).isEqualTo("${!var.enabled}");
    }
}
