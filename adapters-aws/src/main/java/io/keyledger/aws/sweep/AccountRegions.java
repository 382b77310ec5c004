package io.keyledger.aws.sweep;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Regions enabled in an account: the Account service's ListRegions (REST-JSON, {@code POST /listRegions}),
 * every page, called with the account's own credentials so that no trusted access to the Account
 * service needs enabling in the organisation.
 */
final class AccountRegions {

    static final AwsSweepOperation OPERATION = AwsSweepOperation.LIST_REGIONS;
    /** ListRegions's largest page. */
    static final int MAX_RESULTS = 50;
    /** Regions that hold keys: enabled by default, or opted in. ENABLING, DISABLING, DISABLED do not. */
    static final Set<String> ENABLED = Set.of("ENABLED", "ENABLED_BY_DEFAULT");

    private final SignedJsonClient client;

    AccountRegions(SignedJsonClient client) {
        this.client = client;
    }

    List<String> enabled(AwsCredentialsProvider accountCredentials) {
        List<String> out = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ObjectNode body = Json.mapper().createObjectNode().put("MaxResults", MAX_RESULTS);
            body.putArray("RegionOptStatusContains").add("ENABLED").add("ENABLED_BY_DEFAULT");
            token.ifPresent(t -> body.put("NextToken", t));
            JsonNode page = client.post(OPERATION, "/listRegions", Map.of("Content-Type", "application/json"),
                    body, accountCredentials);
            JsonNode regions = page.path("Regions");
            if (!regions.isArray()) {
                throw new AwsCallException(OPERATION.operationName(), 200, "", "field 'Regions': expected an array", false);
            }
            for (JsonNode region : regions) {
                String name = region.path("RegionName").asString("");
                if (!name.isEmpty() && ENABLED.contains(region.path("RegionOptStatus").asString(""))) {
                    out.add(name);
                }
            }
            token = page.path("NextToken").isString() && !page.get("NextToken").asString().isEmpty()
                    ? Optional.of(page.get("NextToken").asString()) : Optional.empty();
        } while (token.isPresent());
        return out;
    }
}
