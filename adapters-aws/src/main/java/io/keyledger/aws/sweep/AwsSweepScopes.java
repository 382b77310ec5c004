package io.keyledger.aws.sweep;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.aws.kms.DeclaredOperationCheck;
import io.keyledger.aws.kms.KmsClients;
import io.keyledger.aws.kms.KmsKeySource;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.core.sweep.SweepScope;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The AWS scopes to sweep, one per account and Region, and the key source of each.
 *
 * <p>Accounts are the configured ones, or the organisation's ACTIVE accounts (Organizations
 * ListAccounts, with the sweep's own credentials); Regions are the configured ones, or each account's
 * enabled Regions (Account ListRegions, with that account's credentials). An account's credentials come
 * from STS AssumeRole into its member role ({@code arn:<partition>:iam::<account>:role/<name>}, with the
 * external id when configured), through one refreshing {@link StsAssumeRoleCredentialsProvider} per
 * account shared by its Regions; the configured own account is read with the sweep's own credentials.
 *
 * <p>Every call it makes, and every call of the key sources it builds, is an operation of {@link AwsSweepOperation}
 * ({@link #operations()}); its clients refuse any other.
 *
 * <p>Nothing here touches the network when built: the STS client is built at once, role credentials are
 * fetched at their first use and refreshed before they expire, and each scope's KMS client is built at
 * its first use and then reused. {@link #close} closes the clients; the HTTP client is the caller's.
 */
public final class AwsSweepScopes implements AutoCloseable {

    /** The scopes found, and the accounts whose Regions could not be listed (with why). */
    public record ScopeListing(List<SweepScope> scopes, Map<String, String> unreachableAccounts) {
        public ScopeListing {
            scopes = List.copyOf(scopes);
            unreachableAccounts = Map.copyOf(unreachableAccounts);
        }
    }

    private final AwsSweepConfig config;
    private final AwsCredentialsProvider ownCredentials;
    private final SdkHttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final StsClient sts;
    private OrganizationAccounts organization;
    private AccountRegions regions;
    private final ConcurrentMap<String, AwsCredentialsProvider> accountCredentials = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, KmsClient> kmsClients = new ConcurrentHashMap<>();

    /**
     * @param ownCredentials the sweep's own credentials (a Lambda function's role, say)
     * @param http           the HTTP client every AWS client of the sweep sends through
     * @param random         the jitter of backoff; shared by the sweep's paced sources
     */
    public AwsSweepScopes(AwsSweepConfig config, AwsCredentialsProvider ownCredentials, SdkHttpClient http, Clock clock,
                          Sleeper sleeper, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.ownCredentials = Objects.requireNonNull(ownCredentials, "ownCredentials");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        var stsBuilder = StsClient.builder().region(Region.of(config.homeRegion())).credentialsProvider(ownCredentials)
                .httpClient(http)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new DeclaredOperationCheck("sts")));
        config.endpoints().sts().ifPresent(stsBuilder::endpointOverride);
        this.sts = stsBuilder.build();
    }

    /** Organizations, built at first use: a partition without a known endpoint fails only if it is needed. */
    private synchronized OrganizationAccounts organization() {
        if (organization == null) {
            organization = new OrganizationAccounts(signed("organizations", config.endpoints().organizations()),
                    ownCredentials);
        }
        return organization;
    }

    private synchronized AccountRegions regions() {
        if (regions == null) {
            regions = new AccountRegions(signed("account", config.endpoints().account()));
        }
        return regions;
    }

    private SignedJsonClient signed(String service, Optional<URI> override) {
        GlobalEndpoint endpoint = GlobalEndpoint.of(service, config.partition(), override);
        return new SignedJsonClient(http, endpoint.uri(), service, endpoint.signingRegion(), config.kms().pacing(),
                sleeper, random);
    }

    public AwsSweepConfig config() {
        return config;
    }

    /**
     * The operations the scopes' discovery, the member role sessions and the key sources may send: every row
     * of {@link AwsSweepOperation}. A deployment grants these and no other.
     */
    public Set<ApiOperation> operations() {
        return AwsSweepOperation.operations();
    }

    /**
     * Lists the scopes: every (account, Region) pair, accounts in the order configured or listed. An account
     * whose Regions cannot be listed (its member role cannot be assumed, say) is reported and left out;
     * it does not stop the others.
     *
     * @throws AwsCallException when the organisation's accounts cannot be listed
     */
    public ScopeListing scopes() {
        return scopesOf(config.accounts().isEmpty() ? organization().active() : config.accounts());
    }

    /**
     * The scopes of the given accounts: each with the configured Regions, or its enabled Regions. An
     * account whose Regions cannot be listed is reported and left out.
     */
    public ScopeListing scopesOf(List<String> accounts) {
        List<SweepScope> out = new ArrayList<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (String account : accounts) {
            List<String> accountRegions;
            try {
                accountRegions = config.regions().isEmpty() ? regions().enabled(credentials(account)) : config.regions();
            } catch (RuntimeException e) {
                unreachable.put(account, "Regions not listed: " + e.getMessage());
                continue;
            }
            accountRegions.forEach(region -> out.add(new SweepScope(Provider.AWS, account, region)));
        }
        return new ScopeListing(out, unreachable);
    }

    /**
     * The paced KMS key source of {@code scope}, whose account and Region must be among those configured
     * (when the configuration names them).
     */
    public KeySource keySource(SweepScope scope) {
        return KmsKeySource.paced(kms(scope), scope, config.kms(), clock, sleeper, random);
    }

    /** The KMS client of {@code scope}, built at the first call and reused. */
    public KmsClient kms(SweepScope scope) {
        requireSweepable(scope);
        return kmsClients.computeIfAbsent(scope.id(), id -> KmsClients.client(scope.location(),
                credentials(scope.account()), http, config.endpoints().kms()));
    }

    /** The credentials the sweep uses in {@code account}: the member role's, or its own in its own account. */
    public AwsCredentialsProvider credentials(String account) {
        if (config.ownAccount().filter(account::equals).isPresent()) {
            return ownCredentials;
        }
        String roleArn = config.memberRoleArn(account);
        return accountCredentials.computeIfAbsent(account, a -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(r -> {
                    r.roleArn(roleArn).roleSessionName(config.roleSessionName());
                    config.externalId().ifPresent(r::externalId);
                })
                .build());
    }

    private void requireSweepable(SweepScope scope) {
        if (scope.provider() != Provider.AWS) {
            throw new IllegalArgumentException("scope " + scope.id() + " is not an AWS scope");
        }
        if (!config.accounts().isEmpty() && !config.accounts().contains(scope.account())) {
            throw new IllegalArgumentException("account " + scope.account() + " of scope " + scope.id()
                    + " is not among the accounts configured for sweeping");
        }
        if (!config.regions().isEmpty() && !config.regions().contains(scope.location())) {
            throw new IllegalArgumentException("Region " + scope.location() + " of scope " + scope.id()
                    + " is not among the Regions configured for sweeping");
        }
    }

    @Override
    public void close() {
        kmsClients.values().forEach(KmsClient::close);
        kmsClients.clear();
        accountCredentials.values().forEach(p -> {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a credentials cache releases nothing that outlives the process
                }
            }
        });
        accountCredentials.clear();
        sts.close();
    }
}
