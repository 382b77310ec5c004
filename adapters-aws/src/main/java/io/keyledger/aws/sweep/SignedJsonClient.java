package io.keyledger.aws.sweep;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.core.json.Json;
import io.keyledger.core.sweep.Backoff;
import io.keyledger.core.sweep.PacingPolicy;
import io.keyledger.core.sweep.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * JSON requests to an AWS service, signed with Signature Version 4 by the SDK's own signer and sent
 * through the SDK's HTTP client. It serves the two read-only calls whose SDK modules Maven Central does
 * not serve at the SDK version KeyLedger uses (Organizations ListAccounts, Account ListRegions); both are
 * small, paginated and documented, and the wire-level fakes in the tests check their shapes.
 *
 * <p>It sends only operations the sweep declares ({@link AwsSweepOperation}), each under its row.
 *
 * <p>Throttling (HTTP 429, {@code TooManyRequestsException}, {@code ThrottlingException}) and server errors
 * are retried with the core's exponential backoff, through the injected {@link Sleeper}.
 */
final class SignedJsonClient {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final SdkHttpClient http;
    private final URI endpoint;
    private final String signingName;
    private final String signingRegion;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Backoff backoff;
    private final int maxRetries;

    SignedJsonClient(SdkHttpClient http, URI endpoint, String signingName, String signingRegion, PacingPolicy retries,
                     Sleeper sleeper, RandomGenerator random) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.signingName = Objects.requireNonNull(signingName, "signingName");
        this.signingRegion = Objects.requireNonNull(signingRegion, "signingRegion");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.backoff = retries.backoff();
        this.maxRetries = retries.maxRetries();
    }

    /**
     * POSTs {@code body} to {@code path} with {@code headers} and returns the JSON answer. The operation is a
     * row of {@link AwsSweepOperation} of this client's service: nothing undeclared can be sent.
     *
     * @throws AwsCallException with the service's error code when it refused the request, or when it was
     *                          still throttled after the retry budget
     */
    JsonNode post(AwsSweepOperation declared, String path, Map<String, String> headers, JsonNode body,
                  AwsCredentialsProvider credentials) {
        if (!declared.operation().service().equals(signingName)) {
            throw new IllegalArgumentException(declared.operation() + " is not an operation of " + signingName);
        }
        String operation = declared.operationName();
        byte[] payload = Json.write(body).getBytes(StandardCharsets.UTF_8);
        for (int retry = 0; ; retry++) {
            try {
                return send(operation, path, headers, payload, credentials);
            } catch (AwsCallException e) {
                if (!e.retryable() || retry >= maxRetries) {
                    throw e;
                }
                pause(backoff.delay(retry, random), operation);
            }
        }
    }

    private JsonNode send(String operation, String path, Map<String, String> headers, byte[] payload,
                          AwsCredentialsProvider credentials) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve(path))
                .putHeader("Content-Length", Integer.toString(payload.length));
        headers.forEach(request::putHeader);
        ContentStreamProvider content = ContentStreamProvider.fromByteArray(payload);
        SignedRequest signed = SIGNER.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(content)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion));
        HttpExecuteResponse response;
        String text;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(content))
                    .build()).call();
            text = response.responseBody().map(SignedJsonClient::read).orElse("");
        } catch (IOException | UncheckedIOException e) {
            throw new AwsCallException(operation, 0, "", "request failed: " + e.getMessage(), true);
        }
        int status = response.httpResponse().statusCode();
        JsonNode json = parse(text);
        if (status / 100 == 2) {
            if (json == null || !json.isObject()) {
                throw new AwsCallException(operation, status, "", "the answer is not a JSON object", false);
            }
            return json;
        }
        String code = errorCode(json, response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(""));
        String message = json == null ? text : json.path("message").asString(json.path("Message").asString(""));
        boolean retryable = status == 429 || status >= 500 || code.equals("TooManyRequestsException")
                || code.equals("ThrottlingException") || code.equals("Throttling");
        throw new AwsCallException(operation, status, code, message, retryable);
    }

    /** The error code from {@code __type} ("com.amazonaws...#TooManyRequestsException") or the error-type header. */
    private static String errorCode(JsonNode json, String header) {
        String type = json != null && json.path("__type").isString() ? json.get("__type").asString()
                : json != null && json.path("code").isString() ? json.get("code").asString() : header;
        int colon = type.indexOf(':');
        if (colon >= 0) {
            type = type.substring(0, colon);
        }
        return type.substring(type.lastIndexOf('#') + 1);
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pause(Duration wait, String operation) {
        try {
            sleeper.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while backing off " + operation);
        }
    }
}
