package io.keyledger.testkit.aws;

import com.sun.net.httpserver.HttpExchange;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS KMS over its wire protocol (AWS JSON 1.1: {@code POST /}, {@code X-Amz-Target: TrentService.<Op>},
 * {@code Content-Type: application/x-amz-json-1.1}; errors as {@code {"__type": ..., "message": ...}} with
 * HTTP 400, or 500 for KMSInternalException), holding the keys of any number of accounts and Regions:
 * each request is answered from the caller's account (its access key, {@link FakeCredentials}) and the
 * Region its signature names, as KMS does.
 *
 * <p>Documented behaviour it follows (AWS KMS API Reference): ListKeys {@code Limit} 1 to 1000, default
 * 100; ListAliases 1 to 100, default 50; ListResourceTags 1 to 50, default 50; ListKeyRotations 1 to
 * 1000, default 100; {@code Truncated} and {@code NextMarker} while more remain, a marker of another
 * listing is an InvalidMarkerException and a limit out of range a ValidationException. DescribeKey takes a
 * key id, key ARN, alias name or alias ARN, and answers every key state, key spec, multi-Region keys and AWS
 * managed keys; an unknown key is a NotFoundException. GetKeyRotationStatus and ListKeyRotations refuse
 * keys that cannot rotate (asymmetric, HMAC, imported, custom key store) with UnsupportedOperationException;
 * AWS managed keys rotate every year. Chosen keys can answer AccessDeniedException for chosen operations,
 * a key can vanish right after a ListKeys page lists it, and each operation can be throttled. GetKeyLastUsage
 * answers {@code KeyLastUsage} only for a key used since {@code TrackingStartDate}; ListGrants pages 1 to
 * 100 grants (default 50); GetKeyPolicy answers the one policy, {@code default} (KMS's default key policy for
 * a key created without one); DescribeCustomKeyStores lists the scope's custom key stores. Operations can
 * also be denied by the caller's identity policy everywhere, and each operation can be throttled
 * ({@code ThrottlingException}, HTTP 400) once a request rate is exceeded: a token bucket per account,
 * Region and operation, on a clock the test moves, so nothing here sleeps.
 */
public final class FakeKms extends FakeAwsService {

    public static final String TARGET_PREFIX = "TrentService.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final Map<String, Map<String, FakeKmsKey>> keys = new HashMap<>();
    private final Map<String, Map<String, String>> aliases = new HashMap<>();
    private final Map<String, Set<String>> denied = new HashMap<>();
    private final Set<String> vanishAfterListing = new HashSet<>();
    private final Map<String, Throttle> throttles = new HashMap<>();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Long> throttledCount = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Map<String, ObjectNode>> keyStores = new HashMap<>();
    private final Set<String> deniedEverywhere = new HashSet<>();

    private record Throttle(double perSecond, double burst, Clock clock) {
    }

    public FakeKms(FakeCredentials credentials) {
        super(credentials);
    }

    // --- the test's side ---------------------------------------------------------------------------------

    /** Adds a customer managed, enabled, symmetric key; adjust it through the returned key. */
    public synchronized FakeKmsKey addKey(String account, String region, String keyId, Instant created) {
        FakeKmsKey key = new FakeKmsKey(account, region, keyId, created);
        keys.computeIfAbsent(scope(account, region), s -> new LinkedHashMap<>()).put(keyId, key);
        return key;
    }

    public synchronized Optional<FakeKmsKey> key(String account, String region, String keyId) {
        return Optional.ofNullable(keys.getOrDefault(scope(account, region), Map.of()).get(keyId));
    }

    /** Deletes a key at once, as the end of its waiting period does. */
    public synchronized void deleteKey(String account, String region, String keyId) {
        keys.getOrDefault(scope(account, region), new HashMap<>()).remove(keyId);
        aliases.getOrDefault(scope(account, region), new HashMap<>()).values().removeIf(keyId::equals);
    }

    /** Points {@code alias/...} at a key; an empty target is an alias AWS predefined but has not associated. */
    public synchronized void alias(String account, String region, String aliasName, Optional<String> targetKeyId) {
        if (!aliasName.startsWith("alias/")) {
            throw new IllegalArgumentException("alias names start with alias/: " + aliasName);
        }
        aliases.computeIfAbsent(scope(account, region), s -> new LinkedHashMap<>()).put(aliasName,
                targetKeyId.orElse(""));
    }

    /**
     * Adds a custom key store as DescribeCustomKeyStores lists it: {@code AWS_CLOUDHSM} with a cluster, or
     * {@code EXTERNAL_KEY_STORE} with a proxy endpoint; state CONNECTED, DISCONNECTED, FAILED, ...
     */
    public synchronized void addKeyStore(String account, String region, String storeId, String name, String type,
                                         String connectionState, Instant created) {
        ObjectNode s = Json.mapper().createObjectNode().put("CustomKeyStoreId", storeId)
                .put("CustomKeyStoreName", name).put("CustomKeyStoreType", type)
                .put("ConnectionState", connectionState).put("CreationDate", FakeKmsKey.epochSeconds(created));
        if (type.equals("AWS_CLOUDHSM")) {
            s.put("CloudHsmClusterId", "cluster-1a23b4cdefg").put("TrustAnchorCertificate", "<certificate>");
        } else {
            s.putObject("XksProxyConfiguration").put("Connectivity", "PUBLIC_ENDPOINT")
                    .put("AccessKeyId", "ABCDE12345670EXAMPLE").put("UriEndpoint", "https://xks.example.com")
                    .put("UriPath", "/kms/xks/v1");
        }
        keyStores.computeIfAbsent(scope(account, region), k -> new LinkedHashMap<>()).put(storeId, s);
    }

    /** The caller's IAM policy denies {@code operation} on every resource (an operation the deployment did not grant). */
    public synchronized void denyEverywhere(String operation) {
        deniedEverywhere.add(operation);
    }

    /** The key's key policy denies the caller {@code operation} ("DescribeKey", "ListResourceTags", ...). */
    public synchronized void deny(String operation, String keyId) {
        denied.computeIfAbsent(operation, o -> new HashSet<>()).add(keyId);
    }

    /** The key is deleted right after the next ListKeys page that lists it: DescribeKey then finds nothing. */
    public synchronized void vanishAfterListing(String keyId) {
        vanishAfterListing.add(keyId);
    }

    /**
     * Throttles {@code operation} in every account and Region once requests come faster than
     * {@code perSecond} on {@code clock}, after an initial {@code burst}.
     */
    public synchronized void throttle(String operation, double perSecond, int burst, Clock clock) {
        throttles.put(operation, new Throttle(perSecond, burst, clock));
        buckets.keySet().removeIf(k -> k.endsWith("/" + operation));
    }

    /** Requests of {@code operation} that were throttled. */
    public long throttled(String operation) {
        return throttledCount.getOrDefault(operation, 0L);
    }

    // --- the protocol -----------------------------------------------------------------------------------

    @Override
    protected String operation(HttpExchange exchange, String body) {
        String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
        return target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
    }

    @Override
    protected void error(HttpExchange exchange, AwsError e) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode().put("__type", e.code).put("message", e.getMessage());
        send(exchange, e.status, CONTENT_TYPE, Json.write(body));
    }

    @Override
    protected void answer(HttpExchange exchange, Request request) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new AwsError(400, "UnknownOperationException", "KMS answers POST only");
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!contentType.startsWith(CONTENT_TYPE)) {
            throw new AwsError(400, "UnknownOperationException", "expected Content-Type " + CONTENT_TYPE);
        }
        JsonNode body = json(request.body());
        ObjectNode out;
        synchronized (this) {
            throttle(request);
            if (deniedEverywhere.contains(request.operation())) {
                throw new AwsError(400, "AccessDeniedException", "User: arn:aws:sts::" + request.account()
                        + ":assumed-role/KeyLedgerSweep/keyledger-sweep is not authorized to perform: kms:"
                        + request.operation() + " because no identity-based policy allows the kms:"
                        + request.operation() + " action");
            }
            String scope = scope(request.account(), request.region());
            out = switch (request.operation()) {
                case "ListKeys" -> listKeys(scope, request, body);
                case "ListAliases" -> listAliases(scope, body);
                case "DescribeKey" -> describeKey(scope, request, body);
                case "GetKeyRotationStatus" -> rotationStatus(scope, request, body);
                case "ListKeyRotations" -> listKeyRotations(scope, request, body);
                case "ListResourceTags" -> listResourceTags(scope, request, body);
                case "GetKeyLastUsage" -> keyLastUsage(scope, request, body);
                case "ListGrants" -> listGrants(scope, request, body);
                case "GetKeyPolicy" -> keyPolicy(scope, request, body);
                case "DescribeCustomKeyStores" -> describeCustomKeyStores(scope, request, body);
                default -> throw new AwsError(400, "UnknownOperationException",
                        "operation '" + request.operation() + "' is not answered by this fake");
            };
        }
        send(exchange, 200, CONTENT_TYPE, Json.write(out));
    }

    private void throttle(Request request) {
        Throttle t = throttles.get(request.operation());
        if (t == null) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(scope(request.account(), request.region()) + "/"
                + request.operation(), k -> new Bucket(t));
        if (!bucket.tryTake()) {
            throttledCount.merge(request.operation(), 1L, Long::sum);
            throw new AwsError(400, "ThrottlingException", "Rate exceeded");
        }
    }

    /** A token bucket that refuses instead of lending: KMS charges nothing for a request it throttles. */
    private static final class Bucket {
        private final Throttle throttle;
        private double tokens;
        private Instant refilledAt;

        Bucket(Throttle throttle) {
            this.throttle = throttle;
            this.tokens = throttle.burst();
            this.refilledAt = throttle.clock().instant();
        }

        boolean tryTake() {
            Instant now = throttle.clock().instant();
            if (now.isAfter(refilledAt)) {
                double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
                tokens = Math.min(throttle.burst(), tokens + seconds * throttle.perSecond());
                refilledAt = now;
            }
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private ObjectNode listKeys(String scope, Request request, JsonNode body) {
        int limit = limit(body, "Limit", "limit", 100, 1000, "ValidationException");
        List<FakeKmsKey> all = new ArrayList<>(keys.getOrDefault(scope, Map.of()).values());
        int from = from(body, "ListKeys/" + scope);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("Keys");
        int to = Math.min(all.size(), from + limit);
        List<FakeKmsKey> listed = all.subList(from, to);
        listed.forEach(k -> list.addObject().put("KeyId", k.keyId()).put("KeyArn", k.arn()));
        truncated(out, to < all.size(), "ListKeys/" + scope, to);
        for (FakeKmsKey k : List.copyOf(listed)) {
            if (vanishAfterListing.remove(k.keyId())) {
                deleteKey(request.account(), request.region(), k.keyId());
            }
        }
        return out;
    }

    private ObjectNode listAliases(String scope, JsonNode body) {
        int limit = limit(body, "Limit", "limit", 50, 100, "ValidationException");
        Map<String, String> scopeAliases = aliases.getOrDefault(scope, Map.of());
        Optional<String> onlyKey = Optional.ofNullable(body.get("KeyId")).map(JsonNode::asString);
        List<Map.Entry<String, String>> all = scopeAliases.entrySet().stream()
                .filter(e -> onlyKey.isEmpty() || e.getValue().equals(keyIdOf(onlyKey.get())))
                .toList();
        int from = from(body, "ListAliases/" + scope);
        int to = Math.min(all.size(), from + limit);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("Aliases");
        String[] parts = scope.split("/");
        for (Map.Entry<String, String> e : all.subList(from, to)) {
            ObjectNode a = list.addObject().put("AliasName", e.getKey())
                    .put("AliasArn", "arn:aws:kms:" + parts[1] + ":" + parts[0] + ":" + e.getKey());
            if (!e.getValue().isEmpty()) {
                a.put("TargetKeyId", e.getValue());
            }
        }
        truncated(out, to < all.size(), "ListAliases/" + scope, to);
        return out;
    }

    private ObjectNode describeKey(String scope, Request request, JsonNode body) {
        FakeKmsKey key = find(scope, request, body);
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("KeyMetadata", key.metadata());
        return out;
    }

    private ObjectNode rotationStatus(String scope, Request request, JsonNode body) {
        FakeKmsKey key = find(scope, request, body);
        requireRotatable(key);
        ObjectNode out = Json.mapper().createObjectNode().put("KeyId", key.arn())
                .put("KeyRotationEnabled", key.rotationEnabled());
        if (key.rotationEnabled()) {
            out.put("RotationPeriodInDays", key.rotationPeriodInDays());
            key.nextRotationDate().ifPresent(d -> out.put("NextRotationDate", FakeKmsKey.epochSeconds(d)));
        }
        return out;
    }

    private ObjectNode listKeyRotations(String scope, Request request, JsonNode body) {
        FakeKmsKey key = find(scope, request, body);
        requireRotatable(key);
        int limit = limit(body, "Limit", "limit", 100, 1000, "ValidationException");
        String listing = "ListKeyRotations/" + key.arn();
        int from = from(body, listing);
        int to = Math.min(key.rotations().size(), from + limit);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("Rotations");
        for (FakeKmsKey.Rotation r : key.rotations().subList(from, to)) {
            list.addObject().put("KeyId", key.arn()).put("RotationDate", FakeKmsKey.epochSeconds(r.date()))
                    .put("RotationType", r.type());
        }
        truncated(out, to < key.rotations().size(), listing, to);
        return out;
    }

    private ObjectNode listResourceTags(String scope, Request request, JsonNode body) {
        FakeKmsKey key = find(scope, request, body);
        int limit = limit(body, "Limit", "limit", 50, 50, "ValidationException");
        List<Map.Entry<String, String>> all = List.copyOf(key.tags().entrySet());
        String listing = "ListResourceTags/" + key.arn();
        int from = from(body, listing);
        int to = Math.min(all.size(), from + limit);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("Tags");
        all.subList(from, to).forEach(e -> list.addObject().put("TagKey", e.getKey()).put("TagValue", e.getValue()));
        truncated(out, to < all.size(), listing, to);
        return out;
    }

    /**
     * GetKeyLastUsage: {@code KeyLastUsage} (Operation, Timestamp, CloudTrailEventId) when the key was used
     * since tracking started, and always {@code TrackingStartDate} and {@code KeyCreationDate}.
     */
    private ObjectNode keyLastUsage(String scope, Request request, JsonNode body) {
        FakeKmsKey key = find(scope, request, body);
        ObjectNode out = Json.mapper().createObjectNode().put("KeyId", key.arn())
                .put("TrackingStartDate", FakeKmsKey.epochSeconds(TRACKING_START))
                .put("KeyCreationDate", FakeKmsKey.epochSeconds(key.created()));
        key.lastUse().ifPresent(u -> out.putObject("KeyLastUsage").put("Operation", u.operation())
                .put("Timestamp", FakeKmsKey.epochSeconds(u.at())).put("CloudTrailEventId", u.cloudTrailEventId()));
        return out;
    }

    /** When KMS began tracking key usage in the fake's world. */
    static final Instant TRACKING_START = Instant.parse("2025-06-01T00:00:00Z");

    /** ListGrants: {@code Limit} 1 to 100, default 50; Grants[] with their constraints, paged. */
    private ObjectNode listGrants(String scope, Request request, JsonNode body) {
        FakeKmsKey key = find(scope, request, body);
        int limit = limit(body, "Limit", "limit", 50, 100, "ValidationException");
        String listing = "ListGrants/" + key.arn();
        int from = from(body, listing);
        int to = Math.min(key.grants().size(), from + limit);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("Grants");
        for (FakeKmsKey.Grant g : key.grants().subList(from, to)) {
            ObjectNode o = list.addObject().put("KeyId", key.arn()).put("GrantId", g.grantId())
                    .put("CreationDate", FakeKmsKey.epochSeconds(g.created()))
                    .put("GranteePrincipal", g.granteePrincipal()).put("IssuingAccount", "arn:aws:iam::"
                            + request.account() + ":root");
            g.retiringPrincipal().ifPresent(r -> o.put("RetiringPrincipal", r));
            ArrayNode ops = o.putArray("Operations");
            g.operations().forEach(ops::add);
            if (!g.contextSubset().isEmpty()) {
                ObjectNode subset = o.putObject("Constraints").putObject("EncryptionContextSubset");
                g.contextSubset().forEach(subset::put);
            }
        }
        truncated(out, to < key.grants().size(), listing, to);
        return out;
    }

    /** GetKeyPolicy: {@code PolicyName} must be {@code default}, the only policy name KMS has. */
    private ObjectNode keyPolicy(String scope, Request request, JsonNode body) {
        FakeKmsKey key = find(scope, request, body);
        JsonNode name = body.get("PolicyName");
        if (name != null && !name.isNull() && !"default".equals(name.asString())) {
            throw new AwsError(400, "NotFoundException", "Policy '" + name.asString() + "' does not exist");
        }
        return Json.mapper().createObjectNode().put("Policy", key.policyDocument()).put("PolicyName", "default");
    }

    /** DescribeCustomKeyStores: every store of the scope, {@code Limit} 1 to 1000, paged. */
    private ObjectNode describeCustomKeyStores(String scope, Request request, JsonNode body) {
        int limit = limit(body, "Limit", "limit", 1000, 1000, "ValidationException");
        List<ObjectNode> all = new ArrayList<>(keyStores.getOrDefault(scope, Map.of()).values());
        String listing = "DescribeCustomKeyStores/" + scope;
        int from = from(body, listing);
        int to = Math.min(all.size(), from + limit);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("CustomKeyStores");
        all.subList(from, to).forEach(list::add);
        truncated(out, to < all.size(), listing, to);
        return out;
    }

    private static void requireRotatable(FakeKmsKey key) {
        if (!key.rotatable()) {
            throw new AwsError(400, "UnsupportedOperationException", key.arn()
                    + " origin is " + key.origin() + " and key spec is " + key.spec()
                    + ", which is not valid for this operation.");
        }
    }

    /** The key a request's {@code KeyId} names (id, ARN, alias name or alias ARN), or the error KMS gives. */
    private FakeKmsKey find(String scope, Request request, JsonNode body) {
        JsonNode id = body.get("KeyId");
        if (id == null || !id.isString() || id.asString().isEmpty()) {
            throw new AwsError(400, "ValidationException",
                    "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
        }
        String text = id.asString();
        String keyId = keyIdOf(text);
        if (text.contains("alias/")) {
            keyId = aliases.getOrDefault(scope, Map.of()).getOrDefault(text.substring(text.indexOf("alias/")), "");
        }
        if (text.startsWith("arn:") && !text.contains(":" + request.account() + ":")) {
            throw new AwsError(400, "NotFoundException", "Key '" + text + "' does not exist");
        }
        FakeKmsKey key = keys.getOrDefault(scope, Map.of()).get(keyId);
        if (key == null) {
            throw new AwsError(400, "NotFoundException", "Key '" + text + "' does not exist");
        }
        if (denied.getOrDefault(request.operation(), Set.of()).contains(key.keyId())) {
            throw new AwsError(400, "AccessDeniedException", "User: arn:aws:sts::" + request.account()
                    + ":assumed-role/KeyLedgerSweep/keyledger-sweep is not authorized to perform: kms:"
                    + request.operation() + " on resource: " + key.arn()
                    + " because no resource-based policy allows the kms:" + request.operation() + " action");
        }
        return key;
    }

    private static String keyIdOf(String text) {
        return text.startsWith("arn:") && text.contains(":key/") ? text.substring(text.indexOf(":key/") + 5) : text;
    }

    private static int from(JsonNode body, String listing) {
        JsonNode marker = body.get("Marker");
        if (marker == null || marker.isNull()) {
            return 0;
        }
        int offset = offset(listing, marker.asString(""));
        if (offset < 0) {
            throw new AwsError(400, "InvalidMarkerException", "The request was rejected because the marker that "
                    + "specifies where pagination should next begin is not valid.");
        }
        return offset;
    }

    private static void truncated(ObjectNode out, boolean more, String listing, int next) {
        out.put("Truncated", more);
        if (more) {
            out.put("NextMarker", token(listing, next));
        }
    }

    static String scope(String account, String region) {
        return account + "/" + region;
    }
}
