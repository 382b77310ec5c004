package io.keyledger.gcp.format;

import io.keyledger.core.key.AiUsageCategory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Google services that call Cloud KMS through their service agents (Google-managed service accounts,
 * e.g. {@code service-<project-number>@gcp-sa-aiplatform.iam.gserviceaccount.com}), recognised by the
 * e-mail domain of the principal. This is the one table of usage detection for Google; the provider
 * documentation shows it. Cloud KMS's own agent ({@code gcp-sa-cloudkms}: automatic rotation, Autokey) is
 * deliberately absent: it manages keys, it does not use them.
 */
public final class ServiceAgents {

    /**
     * One service agent domain.
     *
     * @param domain     the part of the agent's e-mail after '@'
     * @param service    the service's API name, as used in {@code usage.service} / {@code usage.aiService}
     * @param label      a readable name
     * @param ai         whether it is an AI service
     * @param categories the AI usage the agent's keys protect, where the agent tells it
     */
    public record Agent(String domain, String service, String label, boolean ai, Set<AiUsageCategory> categories) {
        public Agent {
            categories = Set.copyOf(categories);
        }
    }

    private static final List<Agent> AGENTS = List.of(
            ai("gcp-sa-aiplatform", "aiplatform.googleapis.com", "Vertex AI"),
            ai("gcp-sa-aiplatform-cc", "aiplatform.googleapis.com", "Vertex AI custom training",
                    AiUsageCategory.TRAINING_DATA),
            ai("gcp-sa-aiplatform-ft", "aiplatform.googleapis.com", "Vertex AI tuning", AiUsageCategory.TRAINING_DATA),
            ai("gcp-sa-aiplatform-re", "aiplatform.googleapis.com", "Vertex AI Agent Engine",
                    AiUsageCategory.TENANT_AI_ENVIRONMENT),
            ai("gcp-sa-notebooks", "notebooks.googleapis.com", "Vertex AI Workbench",
                    AiUsageCategory.TENANT_AI_ENVIRONMENT),
            ai("gcp-sa-discoveryengine", "discoveryengine.googleapis.com", "Vertex AI Search / Agent Builder",
                    AiUsageCategory.VECTOR_STORE),
            ai("gcp-sa-dialogflow", "dialogflow.googleapis.com", "Dialogflow", AiUsageCategory.INFERENCE_LOGS),
            ai("gcp-sa-prod-dai-core", "documentai.googleapis.com", "Document AI"),
            plain("bigquery-encryption", "bigquery.googleapis.com", "BigQuery"),
            plain("gs-project-accounts", "storage.googleapis.com", "Cloud Storage"),
            plain("compute-system", "compute.googleapis.com", "Compute Engine / Persistent Disk"),
            plain("container-engine-robot", "container.googleapis.com", "GKE (application-layer secrets)"),
            plain("gcp-sa-cloud-sql", "sqladmin.googleapis.com", "Cloud SQL"),
            plain("gcp-sa-pubsub", "pubsub.googleapis.com", "Pub/Sub"),
            plain("gcp-sa-secretmanager", "secretmanager.googleapis.com", "Secret Manager"),
            plain("dataflow-service-producer-prod", "dataflow.googleapis.com", "Dataflow"),
            plain("gcp-sa-artifactregistry", "artifactregistry.googleapis.com", "Artifact Registry"),
            plain("gcp-sa-spanner", "spanner.googleapis.com", "Spanner"),
            plain("cloudcomposer-accounts", "composer.googleapis.com", "Cloud Composer"),
            plain("gcp-sa-dataform", "dataform.googleapis.com", "Dataform"));

    private ServiceAgents() {
    }

    public static List<Agent> all() {
        return AGENTS;
    }

    /** Whether a service of the table (by its API name, {@code aiplatform.googleapis.com}) is an AI service. */
    public static boolean isAiService(String service) {
        return AGENTS.stream().anyMatch(a -> a.ai() && a.service().equals(service));
    }

    /** The agent whose e-mail this is, if it is one of the table. */
    public static Optional<Agent> of(String email) {
        return domain(email).flatMap(d -> AGENTS.stream().filter(a -> a.domain().equals(d)).findFirst());
    }

    private static Optional<String> domain(String email) {
        if (email == null) {
            return Optional.empty();
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(email.substring(at + 1).trim().toLowerCase(Locale.ROOT));
    }

    private static Agent ai(String name, String service, String label, AiUsageCategory... categories) {
        return new Agent(name + ".iam.gserviceaccount.com", service, label, true, Set.of(categories));
    }

    private static Agent plain(String name, String service, String label) {
        return new Agent(name + ".iam.gserviceaccount.com", service, label, false, Set.of());
    }
}
