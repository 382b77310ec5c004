package io.keyledger.aws.sweep;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ACTIVE accounts of the organisation: Organizations ListAccounts (AWS JSON 1.1), every page. It
 * answers only in the management account or a delegated administrator account.
 */
final class OrganizationAccounts {

    static final AwsSweepOperation OPERATION = AwsSweepOperation.LIST_ACCOUNTS;
    static final String TARGET = "AWSOrganizationsV20161128." + OPERATION.operationName();
    /** ListAccounts's largest page. */
    static final int MAX_RESULTS = 20;

    private final SignedJsonClient client;
    private final AwsCredentialsProvider credentials;

    OrganizationAccounts(SignedJsonClient client, AwsCredentialsProvider credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    /** The ids of the ACTIVE accounts, in the order listed. */
    List<String> active() {
        List<String> out = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ObjectNode body = Json.mapper().createObjectNode().put("MaxResults", MAX_RESULTS);
            token.ifPresent(t -> body.put("NextToken", t));
            JsonNode page = client.post(OPERATION, "/", Map.of("X-Amz-Target", TARGET,
                    "Content-Type", "application/x-amz-json-1.1"), body, credentials);
            JsonNode accounts = page.path("Accounts");
            if (!accounts.isArray()) {
                throw new AwsCallException(OPERATION.operationName(), 200, "", "field 'Accounts': expected an array", false);
            }
            for (JsonNode account : accounts) {
                if (active(account)) {
                    out.add(account.path("Id").asString(""));
                }
            }
            // Organizations may answer an empty page that still has a NextToken: only a missing token ends.
            token = page.path("NextToken").isString() && !page.get("NextToken").asString().isEmpty()
                    ? Optional.of(page.get("NextToken").asString()) : Optional.empty();
        } while (token.isPresent());
        return out;
    }

    /**
     * {@code State} ACTIVE; {@code Status}, retired in September 2026, only where no {@code State} is
     * given. Suspended, closing and closed accounts, and those whose sign-up is unfinished, hold no keys
     * anyone can use and refuse the member role.
     */
    private static boolean active(JsonNode account) {
        JsonNode state = account.get("State");
        if (state != null && state.isString()) {
            return state.asString().equals("ACTIVE");
        }
        return account.path("Status").asString("").equals("ACTIVE");
    }
}
