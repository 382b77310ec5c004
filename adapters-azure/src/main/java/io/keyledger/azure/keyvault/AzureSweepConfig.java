package io.keyledger.azure.keyvault;

import io.keyledger.core.sweep.PacingPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to sweep in Azure and how (docs/azure/SWEEPS.md, "Configuration"); a function app reads it from its
 * settings ({@code FunctionAppSettings.sweep()}).
 *
 * @param subscriptions   the subscriptions whose vaults and managed HSMs are swept; empty: those of the
 *                        management group when one is given, else every subscription the sweep's identity can see
 * @param managementGroup a management group whose subscriptions (at any depth) are swept, when no subscriptions
 *                        are given
 * @param resourceManager Azure Resource Manager's endpoint ({@code https://management.azure.com}; another for a
 *                        sovereign cloud)
 * @param pacing          the share of Key Vault's documented quota a sweep may use, and its retries when throttled
 *                        (Resource Manager's throttling is retried with the same backoff)
 * @param sdkRetries      how often the SDK itself retries a request that failed in transit or with a 5xx (never a
 *                        429: throttling is the sweep's own to pace), and its first and largest delay
 */
public record AzureSweepConfig(List<String> subscriptions, Optional<String> managementGroup, URI resourceManager,
                               PacingPolicy pacing, int sdkRetries, Duration sdkRetryDelay, Duration sdkRetryMaxDelay) {

    public static final URI PUBLIC_CLOUD = URI.create("https://management.azure.com");

    private static final Pattern SUBSCRIPTION = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Management group ids: up to 90 letters, digits, {@code -_().}. */
    private static final Pattern MANAGEMENT_GROUP = Pattern.compile("[\\w().-]{1,90}");

    public AzureSweepConfig {
        subscriptions = List.copyOf(subscriptions).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        subscriptions.forEach(s -> requireMatch("subscriptions", s, SUBSCRIPTION));
        Objects.requireNonNull(managementGroup, "managementGroup").ifPresent(g -> requireMatch("managementGroup", g,
                MANAGEMENT_GROUP));
        Objects.requireNonNull(resourceManager, "resourceManager");
        if (!"https".equalsIgnoreCase(resourceManager.getScheme()) || resourceManager.getHost() == null) {
            throw new IllegalArgumentException("field 'resourceManager': not an https endpoint: '" + resourceManager + "'");
        }
        Objects.requireNonNull(pacing, "pacing");
        if (sdkRetries < 0) {
            throw new IllegalArgumentException("field 'sdkRetries': must not be negative: " + sdkRetries);
        }
        Objects.requireNonNull(sdkRetryDelay, "sdkRetryDelay");
        Objects.requireNonNull(sdkRetryMaxDelay, "sdkRetryMaxDelay");
    }

    /** Every subscription the sweep's identity can see, in the public cloud, at Key Vault's default pace. */
    public static AzureSweepConfig defaults() {
        return new AzureSweepConfig(List.of(), Optional.empty(), PUBLIC_CLOUD, PacingPolicy.azure(), 3,
                Duration.ofMillis(800), Duration.ofSeconds(8));
    }

    public AzureSweepConfig withSubscriptions(List<String> list) {
        return new AzureSweepConfig(list, managementGroup, resourceManager, pacing, sdkRetries, sdkRetryDelay,
                sdkRetryMaxDelay);
    }

    public AzureSweepConfig withManagementGroup(Optional<String> group) {
        return new AzureSweepConfig(subscriptions, group, resourceManager, pacing, sdkRetries, sdkRetryDelay,
                sdkRetryMaxDelay);
    }

    public AzureSweepConfig withResourceManager(URI endpoint) {
        return new AzureSweepConfig(subscriptions, managementGroup, endpoint, pacing, sdkRetries, sdkRetryDelay,
                sdkRetryMaxDelay);
    }

    public AzureSweepConfig withPacing(PacingPolicy policy) {
        return new AzureSweepConfig(subscriptions, managementGroup, resourceManager, policy, sdkRetries, sdkRetryDelay,
                sdkRetryMaxDelay);
    }

    public AzureSweepConfig withSdkRetries(int retries, Duration delay, Duration maxDelay) {
        return new AzureSweepConfig(subscriptions, managementGroup, resourceManager, pacing, retries, delay, maxDelay);
    }

    private static void requireMatch(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("field '" + field + "': not valid: '" + value + "'");
        }
    }
}
