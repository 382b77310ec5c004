package io.keyledger.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import io.keyledger.functions.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A response read back: status, headers, and the body as text and as JSON. */
record Answer(int status, HttpResponse response, String text) {

    static Answer of(HttpResponse response) {
        return new Answer(response.status(), response, new String(response.bodyBytes(), StandardCharsets.UTF_8));
    }

    JsonNode json() {
        return Json.mapper().readTree(text);
    }

    String header(String name) {
        return response.headers().get(name);
    }

    /** The field names the problem's {@code errors} list. */
    List<String> errorFields() {
        List<String> out = new ArrayList<>();
        json().path("errors").forEach(e -> out.add(e.path("field").asString()));
        return out;
    }

    /**
     * Checks that this is an RFC 9457 problem of the status, whose body shows no trace of the server's
     * code, and returns it for further checks.
     */
    Answer isProblem(int expectedStatus) {
        assertThat(status).as("status of %s", text).isEqualTo(expectedStatus);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode p = json();
        assertThat(p.path("type").isString()).isTrue();
        assertThat(p.path("title").asString()).isNotBlank();
        assertThat(p.path("status").asInt()).isEqualTo(expectedStatus);
        assertThat(p.path("detail").asString()).isNotBlank();
        assertThat(p.path("instance").isString()).isTrue();
        assertThat(text).doesNotContain("\tat ", "at io.keyledger", "at java.", "Exception", "io.keyledger.");
        return this;
    }

    String detail() {
        return json().path("detail").asString();
    }
}
