package io.keyledger.aws.dynamodb;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client configuration the store is meant to run with (docs/aws/DYNAMODB.md explains the
 * figures). Throttling (ThrottlingException, ProvisionedThroughputExceededException,
 * RequestLimitExceeded) and transient errors (HTTP 5xx, I/O errors) are retried by the SDK's standard
 * retry strategy with exponential backoff and full jitter; everything else fails at once and reaches the
 * caller as a {@link DynamoDbStoreException} naming the operation.
 */
public final class DynamoDbClients {

    /** Attempts per request, the first included (DynamoDB's own SDK default was 8 as well). */
    public static final int MAX_ATTEMPTS = 8;
    /** Backoff of transient errors: a random wait up to 25 ms, doubling per retry, at most 1 s. */
    public static final Duration BACKOFF_BASE = Duration.ofMillis(25);
    public static final Duration BACKOFF_MAX = Duration.ofSeconds(1);
    /** Backoff of throttling: a random wait up to 100 ms, doubling per retry, at most 5 s. */
    public static final Duration THROTTLING_BACKOFF_BASE = Duration.ofMillis(100);
    public static final Duration THROTTLING_BACKOFF_MAX = Duration.ofSeconds(5);
    /** One attempt: DynamoDB answers in milliseconds, so a slow attempt is a stuck connection. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    /** One call, all attempts and waits included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(25);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);

    private DynamoDbClients() {
    }

    /**
     * A client builder with the recommended HTTP client, retries and timeouts; set the region (and
     * endpoint, credentials) and build. Building does no network I/O.
     */
    public static DynamoDbClientBuilder builder(ExecutionInterceptor... interceptors) {
        return builder(retryStrategy(), interceptors);
    }

    /** The same with another retry strategy (tests shorten the waits). */
    public static DynamoDbClientBuilder builder(RetryStrategy retryStrategy, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().httpClient(httpClient()).overrideConfiguration(overrides(retryStrategy, interceptors));
    }

    /** The SDK's standard strategy with {@link #MAX_ATTEMPTS} attempts and the backoffs above. */
    public static RetryStrategy retryStrategy() {
        return retryStrategy(BACKOFF_BASE, BACKOFF_MAX, THROTTLING_BACKOFF_BASE, THROTTLING_BACKOFF_MAX);
    }

    public static RetryStrategy retryStrategy(Duration base, Duration max, Duration throttlingBase, Duration throttlingMax) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(base, max))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBase, throttlingMax))
                .build();
    }

    /** The URLConnection client: no extra threads or native code, the shortest cold start. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).build();
    }

    public static ClientOverrideConfiguration overrides(RetryStrategy retryStrategy, ExecutionInterceptor... interceptors) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .executionInterceptors(List.of(interceptors))
                .build();
    }
}
