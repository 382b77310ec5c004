package io.keyledger.aws.kms;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Builds the KMS clients a sweep uses. Building does no network I/O (credentials are resolved at the
 * first request), so clients can be built when a function container starts.
 *
 * <p>A client sends only the KMS operations a sweep declares ({@link AwsSweepOperation}); any other is refused
 * before it is sent ({@link DeclaredOperationCheck}).
 *
 * <p>The SDK's retries are kept for what is transient (5xx, connection failures) but not for throttling:
 * a throttled request goes back to the sweep's own pacing ({@link KmsKeySource}), which counts it, backs
 * off on the injected clock and slows the whole scope down, instead of the SDK retrying it out of sight.
 */
public final class KmsClients {

    /** Attempts of one request, the first included, for transient failures (the SDK's standard count). */
    static final int MAX_ATTEMPTS = 3;

    private KmsClients() {
    }

    /**
     * A client for {@code region} signing with {@code credentials}, over {@code http} (shared by all clients
     * of a process), at AWS's regional endpoint unless {@code endpoint} overrides it.
     */
    public static KmsClient client(String region, AwsCredentialsProvider credentials, SdkHttpClient http,
                                   Optional<URI> endpoint) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(http, "http");
        var builder = KmsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(retryStrategy())
                        .addExecutionInterceptor(new DeclaredOperationCheck("kms")));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The SDK's standard strategy, without its throttling retries (see the class comment). */
    public static RetryStrategy retryStrategy() {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .retryOnException(KmsClients::transientButNotThrottled)
                .useClientDefaults(false)
                .build();
    }

    static boolean transientButNotThrottled(Throwable t) {
        if (!(t instanceof SdkException e) || RetryUtils.isThrottlingException(e)) {
            return false;
        }
        if (e instanceof SdkServiceException service) {
            return service.statusCode() >= 500;
        }
        return e.retryable() || e.getCause() instanceof IOException;
    }
}
