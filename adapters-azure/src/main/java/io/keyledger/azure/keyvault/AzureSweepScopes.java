package io.keyledger.azure.keyvault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import io.keyledger.azure.format.AzureJson;
import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.Backoff;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.core.sweep.SweepScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The Azure scopes to sweep, one per vault or managed HSM, and the key source of each.
 *
 * <p>Subscriptions are the configured ones, or those of the configured management group at any depth
 * ({@code ManagementGroups_GetDescendants}), or every subscription the sweep's identity can see
 * ({@code Subscriptions_List}). In each, the vaults ({@code Vaults_ListBySubscription}, with their access model:
 * Azure RBAC or access policies) and the managed HSMs ({@code ManagedHsms_ListBySubscription}) are listed through
 * Azure Resource Manager, page by page. A subscription whose vaults cannot be listed is reported and left out; it
 * does not stop the others.
 *
 * <p>Every call it makes, and every call of the key sources it builds, is an operation of
 * {@link AzureSweepOperation} ({@link #operations()}); their clients refuse any other. One credential serves every
 * call (the function's managed identity in Azure): tokens for Resource Manager, and for each vault the one its
 * {@code 401} challenge asks for. Nothing here touches the network when built; each vault's {@link KeyClient} is
 * built at its first use and reused while it is among the {@value #KEPT_SOURCES} vaults swept last. The HTTP client
 * is the caller's.
 */
public final class AzureSweepScopes implements VaultScopes {

    private static final Pattern RESOURCE_GROUP = Pattern.compile("/resourceGroups/([^/]+)/", Pattern.CASE_INSENSITIVE);

    private final AzureSweepConfig config;
    private final TokenCredential credential;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ResourceManager arm;
    /**
     * How many vaults' key sources (with their clients and operation checks) are kept for reuse, the most recently
     * used: a function instance lives on across many sweeps of many vaults, so what it keeps is bounded.
     */
    static final int KEPT_SOURCES = 256;
    /** How many vaults found by listing are kept, so that a sweep of one of them need not list again. */
    static final int KEPT_VAULTS = 4_096;

    private final Map<String, AzureVault> vaults = mostRecent(KEPT_VAULTS);
    private final Map<String, KeyVaultKeySource> sources = mostRecent(KEPT_SOURCES);
    private final Map<String, DeclaredOperations> declared = mostRecent(KEPT_SOURCES);

    /**
     * @param credential the sweep's identity (a managed identity's {@code ManagedIdentityCredential}, say)
     * @param http       the HTTP client every Azure client of the sweep sends through
     * @param random     the jitter of backoff; shared by the sweep's paced sources
     */
    public AzureSweepScopes(AzureSweepConfig config, TokenCredential credential, HttpClient http, Clock clock,
                            Sleeper sleeper, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.arm = new ResourceManager(config.resourceManager(), credential, http, sleeper, random,
                new Backoff(config.pacing().baseBackoff(), config.pacing().maxBackoff()), config.pacing().maxRetries());
    }

    /** A map that keeps its {@code bound} most recently used entries; safe to share between threads. */
    private static <V> Map<String, V> mostRecent(int bound) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > bound;
            }
        });
    }

    /** How many vaults' key sources are kept now (at most {@link #KEPT_SOURCES}). */
    int keptSources() {
        return sources.size();
    }

    public AzureSweepConfig config() {
        return config;
    }

    /** Every operation the discovery and the key sources may send: what the deployment grants. */
    public Set<ApiOperation> operations() {
        return AzureSweepOperation.operations();
    }

    /**
     * The subscriptions to sweep: the configured ones, else the management group's, else every one visible.
     *
     * @throws AzureCallException when they cannot be listed
     */
    public List<String> subscriptions() {
        if (!config.subscriptions().isEmpty()) {
            return config.subscriptions();
        }
        Set<String> out = new LinkedHashSet<>();
        if (config.managementGroup().isPresent()) {
            String group = config.managementGroup().get();
            arm.listAll(arm.url("/providers/Microsoft.Management/managementGroups/" + group + "/descendants",
                    ResourceManager.MANAGEMENT_GROUPS_API), "list the subscriptions of management group " + group, item -> {
                        RecordFields f = AzureJson.fields(item);
                        if (f.looseText("type").orElse("").toLowerCase(Locale.ROOT).endsWith("/subscriptions")) {
                            f.looseText("name").ifPresent(s -> out.add(s.toLowerCase(Locale.ROOT)));
                        }
                    });
        } else {
            arm.listAll(arm.url("/subscriptions", ResourceManager.SUBSCRIPTIONS_API), "list the subscriptions", item -> {
                RecordFields f = AzureJson.fields(item);
                if (f.looseText("state").map(s -> s.equalsIgnoreCase("Enabled")).orElse(true)) {
                    f.looseText("subscriptionId").ifPresent(s -> out.add(s.toLowerCase(Locale.ROOT)));
                }
            });
        }
        return List.copyOf(out);
    }

    /**
     * Lists the scopes: every vault and managed HSM of every subscription to sweep.
     *
     * @throws AzureCallException when the subscriptions themselves cannot be listed
     */
    @Override
    public ScopeListing scopes() {
        return scopesOf(subscriptions());
    }

    /** The vaults and managed HSMs of the given subscriptions; one whose vaults cannot be listed is reported. */
    @Override
    public ScopeListing scopesOf(List<String> subscriptions) {
        List<SweepScope> out = new ArrayList<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (String subscription : subscriptions) {
            try {
                vaultsOf(subscription.toLowerCase(Locale.ROOT)).forEach(v -> out.add(v.scope()));
            } catch (AzureCallException | IllegalArgumentException | IllegalStateException e) {
                unreachable.put(subscription, "vaults not listed: " + e.getMessage());
            }
        }
        return new ScopeListing(out, unreachable);
    }

    private List<AzureVault> vaultsOf(String subscription) {
        List<AzureVault> found = new ArrayList<>();
        String base = "/subscriptions/" + subscription + "/providers/Microsoft.KeyVault/";
        arm.listAll(arm.url(base + "vaults", ResourceManager.KEY_VAULT_API), "list the vaults of subscription "
                + subscription, item -> found.add(vault(subscription, item, false)));
        arm.listAll(arm.url(base + "managedHSMs", ResourceManager.KEY_VAULT_API), "list the managed HSMs of subscription "
                + subscription, item -> found.add(vault(subscription, item, true)));
        found.forEach(v -> vaults.put(v.scope().id(), v));
        return found;
    }

    private static AzureVault vault(String subscription, JsonNode item, boolean managedHsm) {
        RecordFields f = AzureJson.fields(item);
        RecordFields p = AzureJson.fields(f.get("properties"));
        String id = f.looseText("id").orElse("");
        String name = f.looseText("name").orElseThrow(() -> new IllegalStateException(
                "Resource Manager listed a vault without a name in subscription " + subscription));
        Matcher group = RESOURCE_GROUP.matcher(id + "/");
        String uri = p.looseText(managedHsm ? "hsmUri" : "vaultUri").orElseThrow(() -> new IllegalStateException(
                "Resource Manager listed " + name + " without its " + (managedHsm ? "hsmUri" : "vaultUri")));
        VaultAccessModel model = managedHsm ? VaultAccessModel.MANAGED_HSM_LOCAL_RBAC
                : p.get("enableRbacAuthorization").asBoolean(false) ? VaultAccessModel.AZURE_RBAC
                : VaultAccessModel.ACCESS_POLICIES;
        Optional<Integer> days = p.looseText("softDeleteRetentionInDays").flatMap(AzureSweepScopes::integer);
        return new AzureVault(subscription, group.find() ? group.group(1) : "", name, managedHsm, URI.create(uri),
                f.looseText("location").orElse(""), model, days, p.get("enablePurgeProtection").asBoolean(false));
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The paced key source of {@code scope}: its vault as the discovery found it, or, in a worker that did not
     * discover (a queue message names only subscription and vault), as its subscription's listing says.
     *
     * @throws IllegalArgumentException when the subscription has no such vault
     */
    @Override
    public KeySource keySource(SweepScope scope) {
        return KeyVaultKeySource.paced(keyVaultSource(vault(scope)), config.pacing(), clock, sleeper, random);
    }

    /** The paced key source of a vault. */
    public KeySource keySource(AzureVault vault) {
        vaults.putIfAbsent(vault.scope().id(), vault);
        return KeyVaultKeySource.paced(keyVaultSource(vault), config.pacing(), clock, sleeper, random);
    }

    /** The vault's key source itself (unpaced): its request counts and the details it read. */
    public KeyVaultKeySource keyVaultSource(AzureVault vault) {
        return sources.computeIfAbsent(vault.scope().id(), id -> new KeyVaultKeySource(keyClient(vault),
                declared.computeIfAbsent(id, i -> new DeclaredOperations(vault.plane())), vault, arm, config.pacing(),
                clock, sleeper));
    }

    /** The vault of a scope, from the discovery or its subscription's listing. */
    public AzureVault vault(SweepScope scope) {
        if (scope.provider() != Provider.AZURE) {
            throw new IllegalArgumentException("scope " + scope.id() + " is not an Azure scope");
        }
        if (!config.subscriptions().isEmpty() && !config.subscriptions().contains(scope.account())) {
            throw new IllegalArgumentException("subscription " + scope.account() + " of scope " + scope.id()
                    + " is not among the subscriptions configured for sweeping");
        }
        AzureVault known = vaults.get(scope.id());
        if (known != null) {
            return known;
        }
        vaultsOf(scope.account());
        AzureVault found = vaults.get(scope.id());
        if (found == null) {
            throw new IllegalArgumentException("subscription " + scope.account() + " has no vault or managed HSM named '"
                    + scope.location() + "'");
        }
        return found;
    }

    private KeyClient keyClient(AzureVault vault) {
        DeclaredOperations check = declared.computeIfAbsent(vault.scope().id(), i -> new DeclaredOperations(vault.plane()));
        RetryOptions retries = new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(config.sdkRetries())
                .setBaseDelay(config.sdkRetryDelay()).setMaxDelay(config.sdkRetryMaxDelay()))
                // Throttling (429) is left to the key source, which waits Retry-After through its Sleeper.
                .setShouldRetryCondition(c -> c.getResponse() != null
                        ? Set.of(408, 500, 502, 503, 504).contains(c.getResponse().getStatusCode())
                        : c.getThrowable() instanceof IOException || c.getThrowable() instanceof UncheckedIOException
                        || c.getThrowable() instanceof TimeoutException);
        return new KeyClientBuilder().vaultUrl(vault.url()).credential(credential).httpClient(http)
                .retryOptions(retries).addPolicy(check).buildClient();
    }
}
