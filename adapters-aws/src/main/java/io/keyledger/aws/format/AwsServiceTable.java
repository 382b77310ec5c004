package io.keyledger.aws.format;

import io.keyledger.core.decode.BoundedMemo;
import io.keyledger.core.key.AiUsageCategory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table by which a KMS call is attributed to the AWS service that made it, and AI usage is
 * recognised. A service is named by its service principal ({@code s3.amazonaws.com}), the name
 * CloudTrail itself uses in {@code userIdentity.invokedBy}. docs/providers/aws.md renders this table.
 */
public final class AwsServiceTable {

    /** AI and machine-learning services, by the first label of their service principal. */
    public static final Set<String> AI_SERVICES = Set.of("bedrock", "bedrock-agentcore", "sagemaker", "comprehend",
            "comprehendmedical", "kendra", "kendra-ranking", "q", "qbusiness", "codewhisperer", "textract",
            "transcribe", "translate", "rekognition", "polly", "lex", "personalize", "forecast", "frauddetector",
            "lookoutvision", "lookoutequipment", "lookoutmetrics");

    /**
     * Encryption context keys that name their service without the {@code aws:<service>:} form.
     * Every {@code aws:<service>:...} key names {@code <service>} (reserved for AWS services).
     */
    public static final Map<String, String> CONTEXT_KEYS = Map.of(
            "SecretARN", "secretsmanager",
            "SecretVersionId", "secretsmanager",
            "PARAMETER_ARN", "ssm");

    /** {@code aws:<segment>:} context keys whose segment is not the service principal's label. */
    public static final Map<String, String> CONTEXT_SEGMENTS = Map.of("ebs", "ec2");

    /** A rule: an IAM role whose name starts with {@code prefix} acts for {@code service}. */
    public record RoleRule(String prefix, String service, Optional<AiUsageCategory> category) {
    }

    /** Service execution roles, most specific first. */
    public static final List<RoleRule> ROLE_RULES = List.of(
            new RoleRule("AmazonBedrockExecutionRoleForKnowledgeBase", "bedrock", Optional.of(AiUsageCategory.VECTOR_STORE)),
            new RoleRule("AmazonBedrockExecutionRoleForAgents", "bedrock", Optional.of(AiUsageCategory.PROMPT_ROUTING)),
            new RoleRule("AmazonBedrockExecutionRoleForFlows", "bedrock", Optional.of(AiUsageCategory.PROMPT_ROUTING)),
            new RoleRule("AmazonBedrock", "bedrock", Optional.empty()),
            new RoleRule("AWSServiceRoleForAmazonBedrock", "bedrock", Optional.empty()),
            new RoleRule("AmazonSageMaker", "sagemaker", Optional.empty()),
            new RoleRule("AWSServiceRoleForAmazonSageMaker", "sagemaker", Optional.empty()),
            new RoleRule("AmazonComprehend", "comprehend", Optional.empty()),
            new RoleRule("AmazonKendra", "kendra", Optional.empty()),
            new RoleRule("AmazonTextract", "textract", Optional.empty()));

    /**
     * A rule: an encryption context key of {@code service} containing one of {@code words} (after its
     * {@code aws:<service>:} prefix, case-insensitive) means the key protects data of {@code category}.
     */
    public record CategoryRule(String service, List<String> words, AiUsageCategory category) {
    }

    /** AI usage categories from context keys; every matching rule applies. */
    public static final List<CategoryRule> CATEGORY_RULES = List.of(
            new CategoryRule("bedrock", List.of("knowledge-base", "knowledgebase", "data-source", "vector"),
                    AiUsageCategory.VECTOR_STORE),
            new CategoryRule("bedrock", List.of("custom-model", "imported-model", "model-import", "model-copy"),
                    AiUsageCategory.MODEL_ARTIFACTS),
            new CategoryRule("bedrock", List.of("customization-job", "training"), AiUsageCategory.TRAINING_DATA),
            new CategoryRule("bedrock", List.of("agent", "flow", "prompt", "guardrail"), AiUsageCategory.PROMPT_ROUTING),
            new CategoryRule("bedrock", List.of("session", "invocation", "evaluation"), AiUsageCategory.INFERENCE_LOGS),
            new CategoryRule("sagemaker", List.of("training-job", "processing-job", "labeling-job", "feature-group"),
                    AiUsageCategory.TRAINING_DATA),
            new CategoryRule("sagemaker", List.of("model", "endpoint"), AiUsageCategory.MODEL_ARTIFACTS),
            new CategoryRule("sagemaker", List.of("notebook", "domain", "space", "studio"),
                    AiUsageCategory.TENANT_AI_ENVIRONMENT));

    /** Categories a service's use always means: a retrieval index is a vector store. */
    public static final Map<String, AiUsageCategory> SERVICE_CATEGORIES = Map.of(
            "kendra", AiUsageCategory.VECTOR_STORE);

    private static final Pattern SERVICE_HOST = Pattern.compile(
            "([a-z0-9][a-z0-9-]*)(\\.[a-z]{2,4}(-[a-z]+)+-\\d+)?\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern CONTEXT_KEY = Pattern.compile("aws:([a-z0-9-]+):(.*)", Pattern.CASE_INSENSITIVE);
    /** Hosts, principals and context keys repeat from record to record. */
    private static final BoundedMemo<String, Optional<String>> HOSTS = new BoundedMemo<>(10_000, AwsServiceTable::hostService);
    private static final BoundedMemo<String, Optional<String>> CONTEXT = new BoundedMemo<>(10_000,
            AwsServiceTable::contextService);
    private static final BoundedMemo<String, String> CONTEXT_REST = new BoundedMemo<>(10_000, AwsServiceTable::restOf);

    private AwsServiceTable() {
    }

    /** The service principal naming a service label ({@code s3} → {@code s3.amazonaws.com}). */
    public static String principalOf(String label) {
        return PRINCIPALS.apply(label);
    }

    private static final BoundedMemo<String, String> PRINCIPALS = new BoundedMemo<>(10_000, label -> label + ".amazonaws.com");

    /** The label of a service host name or principal ({@code bedrock.us-east-1.amazonaws.com} → {@code bedrock}). */
    public static Optional<String> serviceOfHost(String text) {
        // IP addresses and user agents, which are most of what is asked and vary, name no host: neither
        // remembered (they would crowd the hosts out) nor matched.
        return text == null || !mentionsAmazonAws(text) ? Optional.empty() : HOSTS.apply(text);
    }

    private static final String AMAZONAWS = "amazonaws";

    /**
     * Whether {@code text} holds "amazonaws" in any case of ASCII letters: no other character lower-cases to one
     * of these letters, so text without it never matches the host pattern once lower-cased.
     */
    static boolean mentionsAmazonAws(String text) {
        int last = text.length() - AMAZONAWS.length();
        for (int i = 0; i <= last; i++) {
            int k = 0;
            while (k < AMAZONAWS.length() && (text.charAt(i + k) | 0x20) == AMAZONAWS.charAt(k)) {
                k++;
            }
            if (k == AMAZONAWS.length()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> hostService(String text) {
        Matcher m = SERVICE_HOST.matcher(text.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The service an encryption context key (never its value) names. */
    public static Optional<String> serviceOfContextKey(String key) {
        return CONTEXT.apply(key);
    }

    private static Optional<String> contextService(String key) {
        if (CONTEXT_KEYS.containsKey(key)) {
            return Optional.of(CONTEXT_KEYS.get(key));
        }
        Matcher m = CONTEXT_KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        String segment = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(CONTEXT_SEGMENTS.getOrDefault(segment, segment));
    }

    /** The part of a context key after its {@code aws:<service>:} prefix, lower case. */
    static String contextKeyRest(String key) {
        return CONTEXT_REST.apply(key);
    }

    private static String restOf(String key) {
        Matcher m = CONTEXT_KEY.matcher(key);
        return (m.matches() ? m.group(2) : key).toLowerCase(Locale.ROOT);
    }

    public static boolean isAiService(String label) {
        return AI_SERVICES.contains(label);
    }
}
