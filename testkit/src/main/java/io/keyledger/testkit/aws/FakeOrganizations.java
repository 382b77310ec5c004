package io.keyledger.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS Organizations ListAccounts over its wire protocol (AWS JSON 1.1,
 * {@code X-Amz-Target: AWSOrganizationsV20161128.ListAccounts}): {@code MaxResults} 1 to 20,
 * {@code NextToken} paging, each account with {@code Id}, {@code Arn}, {@code Email}, {@code Name},
 * {@code State} (and the {@code Status} AWS retired in September 2026, where the test gives one). Only the
 * management account may call it (AccessDeniedException otherwise). As the API Reference warns, a page
 * may come back empty with a NextToken; {@link #emptyPagesBefore} makes it so. {@link #throttleFirst}
 * answers TooManyRequestsException to the first calls.
 */
public final class FakeOrganizations extends FakeAwsService {

    public static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";

    private record Account(String id, String name, String state, Optional<String> status) {
    }

    private final String managementAccount;
    private final List<Account> accounts = new ArrayList<>();
    private int emptyPages;
    private int throttled;

    public FakeOrganizations(FakeCredentials credentials, String managementAccount) {
        super(credentials);
        this.managementAccount = managementAccount;
    }

    /** An account in {@code state} (PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED). */
    public synchronized void account(String id, String name, String state) {
        accounts.add(new Account(id, name, state, Optional.empty()));
    }

    /** An account described the old way, by {@code Status} alone. */
    public synchronized void accountWithStatusOnly(String id, String name, String status) {
        accounts.add(new Account(id, name, "", Optional.of(status)));
    }

    /** The first {@code n} pages come back empty, with a NextToken. */
    public synchronized void emptyPagesBefore(int n) {
        emptyPages = n;
    }

    public synchronized void throttleFirst(int n) {
        throttled = n;
    }

    @Override
    protected String operation(HttpExchange exchange, String body) {
        String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
        return target.startsWith("AWSOrganizationsV20161128.") ? target.substring(target.indexOf('.') + 1) : target;
    }

    @Override
    protected synchronized void answer(HttpExchange exchange, Request request) throws IOException {
        if (!"ListAccounts".equals(request.operation())) {
            throw new AwsError(400, "UnknownOperationException", "not answered: " + request.operation());
        }
        if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/x-amz-json-1.1")) {
            throw new AwsError(400, "UnknownOperationException", "expected application/x-amz-json-1.1");
        }
        if (!request.account().equals(managementAccount)) {
            throw new AwsError(400, "AccessDeniedException", "You don't have permissions to access this resource.");
        }
        if (throttled > 0) {
            throttled--;
            throw new AwsError(400, "TooManyRequestsException", "AWS Organizations can't complete your request "
                    + "because another request is already in progress. Try again later.");
        }
        JsonNode body = json(request.body());
        int max = limit(body, "MaxResults", "maxResults", 20, 20, "InvalidInputException");
        int from = 0;
        if (body.hasNonNull("NextToken")) {
            from = offset("ListAccounts", body.get("NextToken").asString(""));
            if (from < 0) {
                throw new AwsError(400, "InvalidInputException", "You provided a value that does not match the "
                        + "required pattern. (INVALID_PAGINATION_TOKEN)");
            }
        }
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("Accounts");
        if (emptyPages > 0) {
            emptyPages--;
            out.put("NextToken", token("ListAccounts", from));
            send(exchange, 200, "application/x-amz-json-1.1", Json.write(out));
            return;
        }
        int to = Math.min(accounts.size(), from + max);
        for (Account a : accounts.subList(from, to)) {
            ObjectNode o = list.addObject().put("Id", a.id())
                    .put("Arn", "arn:aws:organizations::" + managementAccount + ":account/o-exampleorgid/" + a.id())
                    .put("Email", a.name() + "@example.com").put("Name", a.name())
                    .put("JoinedMethod", "CREATED").put("JoinedTimestamp", 1.7e9);
            if (!a.state().isEmpty()) {
                o.put("State", a.state());
            }
            a.status().ifPresent(s -> o.put("Status", s));
        }
        if (to < accounts.size()) {
            out.put("NextToken", token("ListAccounts", to));
        }
        send(exchange, 200, "application/x-amz-json-1.1", Json.write(out));
    }

    @Override
    protected void error(HttpExchange exchange, AwsError e) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode().put("__type", e.code).put("Message", e.getMessage());
        send(exchange, e.status, "application/x-amz-json-1.1", Json.write(body));
    }
}
