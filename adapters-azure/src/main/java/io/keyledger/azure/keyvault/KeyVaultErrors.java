package io.keyledger.azure.keyvault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import io.keyledger.core.json.Json;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What a Key Vault error says, read from the SDK's exception: status, error code and the service's message. */
final class KeyVaultErrors {

    private KeyVaultErrors() {
    }

    static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    static Optional<Duration> retryAfter(HttpResponseException e) {
        return e.getResponse() == null ? Optional.empty()
                : ResourceManager.retryAfter(e.getResponse().getHeaderValue(HttpHeaderName.RETRY_AFTER));
    }

    /**
     * "HTTP 403 Forbidden (ForbiddenByRbac): Caller is not authorized ..." from the error body Key Vault sends
     * ({@code {"error": {"code", "message", "innererror": {"code"}}}}), first line of the message only.
     */
    static String describe(HttpResponseException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        int brace = text.indexOf('{');
        String code = "";
        String inner = "";
        String message = text;
        if (brace >= 0) {
            String json = text.substring(brace, text.lastIndexOf('}') + 1);
            try {
                JsonNode error = Json.mapper().readTree(json).path("error");
                code = error.path("code").asString("");
                inner = error.path("innererror").path("code").asString("");
                message = error.path("message").asString(message);
            } catch (JacksonException | IllegalArgumentException notJson) {
                // keep the text
            }
        }
        String firstLine = message.strip().lines().findFirst().orElse("");
        return "HTTP " + status(e) + (code.isEmpty() ? "" : " " + code) + (inner.isEmpty() ? "" : " (" + inner + ")")
                + (firstLine.isEmpty() ? "" : ": " + firstLine);
    }
}
