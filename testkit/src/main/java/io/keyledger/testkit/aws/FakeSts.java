package io.keyledger.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * AWS STS AssumeRole over its wire protocol (the query protocol: a form-encoded {@code POST /} with
 * {@code Action=AssumeRole&Version=2011-06-15&RoleArn=...}, answered in XML; errors as
 * {@code <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>...}, HTTP 403). Only roles the
 * test declares can be assumed, by anyone, with the external id they require. The session credentials
 * it issues are registered as the role's account, so the other fakes answer them as that account. Its
 * sessions expire at a fixed far date: the SDK's cache then keeps them, and tests do not depend on the
 * wall clock.
 */
public final class FakeSts extends FakeAwsService {

    public static final Instant EXPIRATION = Instant.parse("2100-01-01T00:00:00Z");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/([\\w+=,.@/-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final Map<String, Optional<String>> roles = new HashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();

    public FakeSts(FakeCredentials credentials) {
        super(credentials);
    }

    /** A role that can be assumed, requiring {@code externalId} when present. */
    public synchronized void role(String account, String roleName, Optional<String> externalId) {
        roles.put("arn:aws:iam::" + account + ":role/" + roleName, externalId);
    }

    @Override
    protected String operation(HttpExchange exchange, String body) {
        return form(body).getOrDefault("Action", "");
    }

    @Override
    protected void answer(HttpExchange exchange, Request request) throws IOException {
        Map<String, String> form = form(request.body());
        if (!"AssumeRole".equals(request.operation())) {
            throw new AwsError(400, "InvalidAction", "Could not find operation " + request.operation()
                    + " for version " + form.get("Version"));
        }
        if (!"2011-06-15".equals(form.get("Version"))) {
            throw new AwsError(400, "InvalidAction", "unknown version " + form.get("Version"));
        }
        String roleArn = form.getOrDefault("RoleArn", "");
        String session = form.getOrDefault("RoleSessionName", "");
        var arn = ROLE_ARN.matcher(roleArn);
        if (!arn.matches()) {
            throw new AwsError(400, "ValidationError", "1 validation error detected: Value '" + roleArn
                    + "' at 'roleArn' failed to satisfy constraint");
        }
        if (!SESSION_NAME.matcher(session).matches()) {
            throw new AwsError(400, "ValidationError", "1 validation error detected: Value '" + session
                    + "' at 'roleSessionName' failed to satisfy constraint");
        }
        boolean known;
        Optional<String> required;
        synchronized (this) {
            known = roles.containsKey(roleArn);
            required = roles.getOrDefault(roleArn, Optional.empty());
        }
        Optional<String> given = Optional.ofNullable(form.get("ExternalId"));
        if (!known || (required.isPresent() && !required.equals(given))) {
            throw new AwsError(403, "AccessDenied", "User: arn:aws:iam::" + request.account()
                    + ":user/sweeper is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        String account = arn.group(1);
        String role = arn.group(2);
        String accessKeyId = "ASIA" + account + String.format("%04d", sessions.incrementAndGet());
        credentials.register(accessKeyId, account);
        String xml = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials>"
                + "<AccessKeyId>" + accessKeyId + "</AccessKeyId>"
                + "<SecretAccessKey>fake-session-secret-" + accessKeyId + "</SecretAccessKey>"
                + "<SessionToken>fake-session-token-" + accessKeyId + "</SessionToken>"
                + "<Expiration>" + EXPIRATION + "</Expiration>"
                + "</Credentials><AssumedRoleUser>"
                + "<AssumedRoleId>AROA" + account + ":" + session + "</AssumedRoleId>"
                + "<Arn>arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session + "</Arn>"
                + "</AssumedRoleUser></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>" + requestId() + "</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>";
        send(exchange, 200, "text/xml", xml);
    }

    @Override
    protected void error(HttpExchange exchange, AwsError e) throws IOException {
        String xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                + "<Type>Sender</Type><Code>" + e.code + "</Code><Message>" + escape(e.getMessage()) + "</Message>"
                + "</Error><RequestId>" + requestId() + "</RequestId></ErrorResponse>";
        send(exchange, e.status, "text/xml", xml);
    }

    /** The parameters of a form-encoded body. */
    public static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
