package io.keyledger.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS Account service's ListRegions over its wire protocol (REST-JSON: {@code POST /listRegions},
 * {@code MaxResults} 1 to 50, {@code NextToken}, {@code RegionOptStatusContains}; each Region with
 * {@code RegionName} and {@code RegionOptStatus}; errors as HTTP status, {@code x-amzn-ErrorType} and a
 * {@code message}). It answers for the caller's own account; accounts the test denies get 403
 * AccessDeniedException.
 */
public final class FakeAccountService extends FakeAwsService {

    private final Map<String, Map<String, String>> regions = new LinkedHashMap<>();
    private final Set<String> denied = new HashSet<>();

    public FakeAccountService(FakeCredentials credentials) {
        super(credentials);
    }

    /** A Region of {@code account} in {@code optStatus} (ENABLED, ENABLING, DISABLING, DISABLED, ENABLED_BY_DEFAULT). */
    public synchronized void region(String account, String region, String optStatus) {
        regions.computeIfAbsent(account, a -> new LinkedHashMap<>()).put(region, optStatus);
    }

    public synchronized void deny(String account) {
        denied.add(account);
    }

    @Override
    protected String operation(HttpExchange exchange, String body) {
        return exchange.getRequestURI().getPath().equals("/listRegions") ? "ListRegions" : exchange.getRequestURI().getPath();
    }

    @Override
    protected synchronized void answer(HttpExchange exchange, Request request) throws IOException {
        if (!"ListRegions".equals(request.operation()) || !"POST".equals(exchange.getRequestMethod())) {
            throw new AwsError(404, "UnknownOperationException", "not answered: " + exchange.getRequestMethod() + " "
                    + request.operation());
        }
        if (denied.contains(request.account())) {
            throw new AwsError(403, "AccessDeniedException", "User is not authorized to perform: account:ListRegions");
        }
        JsonNode body = json(request.body());
        int max = limit(body, "MaxResults", "maxResults", 20, 50, "ValidationException");
        Set<String> wanted = new HashSet<>();
        body.path("RegionOptStatusContains").forEach(s -> wanted.add(s.asString()));
        List<Map.Entry<String, String>> all = regions.getOrDefault(request.account(), Map.of()).entrySet().stream()
                .filter(e -> wanted.isEmpty() || wanted.contains(e.getValue())).toList();
        String listing = "ListRegions/" + request.account();
        int from = 0;
        if (body.hasNonNull("NextToken")) {
            from = offset(listing, body.get("NextToken").asString(""));
            if (from < 0) {
                throw new AwsError(400, "ValidationException", "The NextToken is not valid.");
            }
        }
        int to = Math.min(all.size(), from + max);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("Regions");
        all.subList(from, to).forEach(e -> list.addObject().put("RegionName", e.getKey())
                .put("RegionOptStatus", e.getValue()));
        if (to < all.size()) {
            out.put("NextToken", token(listing, to));
        }
        send(exchange, 200, "application/json", Json.write(out));
    }

    @Override
    protected void error(HttpExchange exchange, AwsError e) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", e.code);
        send(exchange, e.status, "application/json",
                Json.write(Json.mapper().createObjectNode().put("message", e.getMessage())));
    }
}
