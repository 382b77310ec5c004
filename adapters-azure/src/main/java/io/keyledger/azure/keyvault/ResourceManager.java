package io.keyledger.azure.keyvault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.util.Context;
import io.keyledger.core.json.Json;
import io.keyledger.core.sweep.Backoff;
import io.keyledger.core.sweep.Sleeper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Azure Resource Manager's REST API through azure-core's HTTP pipeline (the resourcemanager libraries are not
 * served here): bearer tokens for {@code <endpoint>/.default} from the sweep's credential, declared operations
 * only ({@link DeclaredOperations}), {@code nextLink} paging, and throttling ({@code 429}) retried after the
 * {@code Retry-After} the service gives (at least the backoff's jittered wait, at most its cap), through the
 * {@link Sleeper}. Other errors become an {@link AzureCallException} naming the operation and ARM's error code.
 */
final class ResourceManager {

    static final String SUBSCRIPTIONS_API = "2022-12-01";
    static final String MANAGEMENT_GROUPS_API = "2020-05-01";
    static final String KEY_VAULT_API = "2023-07-01";

    /** One page of a listing: its {@code value} items and the {@code nextLink}, if more remain. */
    record Page(List<JsonNode> items, Optional<String> nextLink) {
    }

    private final URI endpoint;
    private final HttpPipeline pipeline;
    private final DeclaredOperations declared = new DeclaredOperations(AzureSweepOperation.Plane.RESOURCE_MANAGER);
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Backoff backoff;
    private final int maxRetries;

    ResourceManager(URI endpoint, TokenCredential credential, HttpClient http, Sleeper sleeper, RandomGenerator random,
                    Backoff backoff, int maxRetries) {
        this.endpoint = endpoint;
        String base = endpoint.toString().replaceAll("/+$", "");
        this.pipeline = new HttpPipelineBuilder().httpClient(http)
                .policies(declared, new BearerTokenAuthenticationPolicy(credential, base + "/.default")).build();
        this.sleeper = sleeper;
        this.random = random;
        this.backoff = backoff;
        this.maxRetries = maxRetries;
    }

    DeclaredOperations declared() {
        return declared;
    }

    /** {@code <endpoint><path>?api-version=<version>} */
    String url(String path, String apiVersion) {
        return endpoint.toString().replaceAll("/+$", "") + path + "?api-version=" + apiVersion;
    }

    /** Every item of a listing, page after page. */
    void listAll(String firstUrl, String what, Consumer<JsonNode> item) {
        Optional<String> next = Optional.of(firstUrl);
        while (next.isPresent()) {
            Page page = page(next.get(), what);
            page.items().forEach(item);
            next = page.nextLink();
        }
    }

    /** One page of a listing; its {@code nextLink} must lead back to this endpoint. */
    Page page(String url, String what) {
        requireOwnEndpoint(url, what);
        JsonNode body = get(url, what);
        List<JsonNode> items = new ArrayList<>();
        JsonNode value = body.get("value");
        if (value != null && value.isArray()) {
            value.forEach(items::add);
        }
        JsonNode next = body.get("nextLink");
        Optional<String> nextLink = next != null && next.isString() && !next.asString().isBlank()
                ? Optional.of(next.asString()) : Optional.empty();
        nextLink.ifPresent(n -> requireOwnEndpoint(n, what));
        return new Page(items, nextLink);
    }

    /** A link from a response or a cursor is only followed to Resource Manager itself: it carries the sweep's token. */
    void requireOwnEndpoint(String url, String what) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Resource Manager link (" + what + "): '" + url + "'");
        }
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null
                || !u.getHost().equalsIgnoreCase(endpoint.getHost()) || u.getPort() != endpoint.getPort()) {
            throw new IllegalArgumentException("link of " + what + " leads away from " + endpoint + ": '" + url + "'");
        }
    }

    private JsonNode get(String url, String what) {
        for (int retry = 0; ; retry++) {
            HttpRequest request = new HttpRequest(HttpMethod.GET, url).setHeader(HttpHeaderName.ACCEPT, "application/json");
            int status;
            String text;
            Optional<Duration> retryAfter;
            try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
                status = response.getStatusCode();
                text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
                retryAfter = retryAfter(response.getHeaderValue(HttpHeaderName.RETRY_AFTER));
            } catch (UndeclaredOperationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AzureCallException("Azure Resource Manager could not be reached to " + what + ": " + e.getMessage(),
                        0, "", e);
            }
            if (status == 200) {
                return json(text, what, status);
            }
            if (status == 429 && retry < maxRetries) {
                Duration wait = backoff.delay(retry, random);
                Duration hinted = retryAfter.map(h -> h.compareTo(backoff.cap()) > 0 ? backoff.cap() : h).orElse(Duration.ZERO);
                pause(hinted.compareTo(wait) > 0 ? hinted : wait, what);
                continue;
            }
            throw error(status, text, what);
        }
    }

    private void pause(Duration wait, String what) {
        try {
            sleeper.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting to retry a Resource Manager call to " + what);
        }
    }

    private static JsonNode json(String text, String what, int status) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw new AzureCallException("Azure Resource Manager answered " + what + " with something other than "
                        + "a JSON object", status, "", null);
            }
            return node;
        } catch (JacksonException e) {
            throw new AzureCallException("Azure Resource Manager answered " + what + " with malformed JSON: "
                    + e.getOriginalMessage(), status, "", e);
        }
    }

    /** An error answer: ARM's {@code {"error": {"code", "message"}}}, kept in the exception. */
    static AzureCallException error(int status, String text, String what) {
        String code = "";
        String message = text.length() > 300 ? text.substring(0, 300) : text;
        try {
            JsonNode error = Json.mapper().readTree(text).get("error");
            if (error != null && error.isObject()) {
                code = error.path("code").asString("");
                message = error.path("message").asString(message);
            }
        } catch (JacksonException | IllegalArgumentException notJson) {
            // keep the text as it came
        }
        return new AzureCallException("Azure Resource Manager refused to " + what + ": HTTP " + status
                + (code.isEmpty() ? "" : " " + code) + ": " + message.strip(), status, code, null);
    }

    /** {@code Retry-After} in seconds (the form Azure uses); an HTTP date or nonsense counts as absent. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || !header.trim().matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
    }
}
