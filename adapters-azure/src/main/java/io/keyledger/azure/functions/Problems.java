package io.keyledger.azure.functions;

import io.keyledger.core.json.Json;
import io.keyledger.functions.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem responses of the functions that answer HTTP themselves (the admin API has its own). */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";

    private Problems() {
    }

    static HttpResponse of(int status, String title, String detail) {
        return of(status, title, detail, List.of(), Map.of());
    }

    /** @param problems one line per record that was not applied, naming the record and field */
    static HttpResponse of(int status, String title, String detail, List<String> problems, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", PROBLEM_JSON);
        all.put("Cache-Control", "no-store");
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(status, all, out -> out.write(bytes));
    }
}
