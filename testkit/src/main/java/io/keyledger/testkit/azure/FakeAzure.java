package io.keyledger.testkit.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.ProxyOptions;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.keyledger.core.json.Json;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure Key Vault, Managed HSM and Azure Resource Manager over their REST protocols, for the real
 * {@code KeyClient} and an azure-core pipeline to talk to over HTTPS: one TLS server on 127.0.0.1 (a
 * {@link TestCertificate} for {@code *.vault.azure.net}, {@code *.managedhsm.azure.net} and
 * {@code management.azure.com}) behind an HTTP proxy on 127.0.0.1 that tunnels every {@code CONNECT} to it. The
 * clients keep the real host names in their URLs, TLS names and {@code Host} headers (the SDK's challenge
 * checks stay on); {@link #httpClient()} is an azure-core Netty client that goes through the proxy and trusts the
 * certificate. Nothing leaves the machine: the proxy tunnels to the fake alone, whatever host is asked for.
 *
 * <p>Documented behaviour it follows (Key Vault REST API 7.x, Resource Manager): a data-plane request without a
 * bearer token gets {@code 401} with {@code WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/<tenant>",
 * resource="https://vault.azure.net"} ({@code managedhsm.azure.net} for an HSM), as the SDK's challenge policy
 * expects; a token for another audience is refused. Listings page by {@code maxresults} (1 to 25, default 25) and
 * an absolute {@code nextLink} ({@code https://<host>:443/...&$skiptoken=...}); {@code GetKeys} lists unversioned
 * kids, {@code GetKeyVersions} versioned ones; {@code GetKey} answers the JSON Web Key's public fields only;
 * deleted keys carry {@code recoveryId}, {@code deletedDate} and {@code scheduledPurgeDate}; a key without its own
 * rotation policy answers the vault's default (notify 30 days before expiry). Errors are
 * {@code {"error": {"code", "message", "innererror"}}}: 404 {@code KeyNotFound}, 403 {@code Forbidden}
 * ({@code ForbiddenByRbac} or {@code AccessDenied} by the vault's access model), 429 {@code Throttled} with
 * {@code Retry-After}. Resource Manager lists subscriptions, a management group's descendants, each
 * subscription's vaults (with {@code enableRbacAuthorization}) and managed HSMs, and a vault's keys through the
 * control plane, with {@code nextLink}; {@code 403 AuthorizationFailed} and {@code 429} with {@code Retry-After}
 * on demand.
 */
public final class FakeAzure implements AutoCloseable {

    public static final String RESOURCE_MANAGER = "management.azure.com";
    private static final Pattern API_VERSION = Pattern.compile("(^|&)api-version=[^&]+");

    /** One request as the fake received it: the operation as {@code <service>:<name>}, and how it was answered. */
    public record Request(String operation, String host, String method, String path, int status) {
    }

    private final String tenant;
    private final TestCertificate certificate;
    private final HttpsServer server;
    private final ServerSocket proxy;
    private final ExecutorService threads;
    private final FakeEntraCredential credential;
    private final List<Request> requests = new ArrayList<>();
    private final Set<String> tunnelledHosts = new LinkedHashSet<>();
    private final Map<String, FakeVault> vaults = new LinkedHashMap<>();
    private final Map<String, String> subscriptions = new LinkedHashMap<>();
    private final Map<String, String> subscriptionGroup = new LinkedHashMap<>();
    private final Map<String, String> groupParent = new LinkedHashMap<>();
    private final Set<String> deniedSubscriptions = new LinkedHashSet<>();
    private int armPageSize = 100;
    private int armThrottleNext;
    private int armRetryAfter;

    public FakeAzure(String tenant) {
        this.tenant = tenant;
        this.credential = new FakeEntraCredential(tenant);
        this.certificate = TestCertificate.forHosts(List.of("*.vault.azure.net", "*.managedhsm.azure.net",
                RESOURCE_MANAGER, "localhost"), List.of("127.0.0.1"));
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-azure");
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            server.setExecutor(threads);
            server.createContext("/", this::exchange);
            server.start();
            proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptTunnels);
    }

    // --- what the test sets up ---------------------------------------------------------------------------

    /** The tenant the fake's tokens and challenges name. */
    public String tenant() {
        return tenant;
    }

    /** The credential whose tokens the fake accepts. */
    public FakeEntraCredential credential() {
        return credential;
    }

    /** A subscription the sweep's identity can see, in a management group when given. */
    public synchronized void subscription(String id, String displayName, Optional<String> managementGroup) {
        subscriptions.put(id.toLowerCase(Locale.ROOT), displayName);
        managementGroup.ifPresent(g -> subscriptionGroup.put(id.toLowerCase(Locale.ROOT), g));
    }

    /** A management group under {@code parent} (empty: under the tenant root). */
    public synchronized void managementGroup(String id, Optional<String> parent) {
        groupParent.put(id, parent.orElse(""));
    }

    /** Resource Manager refuses to list the vaults of the subscription (403 AuthorizationFailed). */
    public synchronized void denySubscription(String id) {
        deniedSubscriptions.add(id.toLowerCase(Locale.ROOT));
    }

    /** Items per page of Resource Manager listings. */
    public synchronized void armPageSize(int size) {
        armPageSize = size;
    }

    /** The next {@code requests} Resource Manager requests are throttled: 429 with {@code Retry-After: seconds}. */
    public synchronized void throttleArm(int requests, int seconds) {
        armThrottleNext = requests;
        armRetryAfter = seconds;
    }

    public synchronized FakeVault vault(String subscription, String resourceGroup, String name) {
        FakeVault v = new FakeVault(name, false, subscription, resourceGroup);
        vaults.put(v.host(), v);
        return v;
    }

    /** The vault or managed HSM of that name, as added. */
    public synchronized FakeVault existing(String name) {
        return vaults.values().stream().filter(v -> v.name.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vault or managed HSM named " + name));
    }

    public synchronized FakeVault managedHsm(String subscription, String resourceGroup, String name) {
        FakeVault v = new FakeVault(name, true, subscription, resourceGroup);
        vaults.put(v.host(), v);
        return v;
    }

    /** An azure-core HTTP client (Netty) that reaches the fake through its proxy and trusts its certificate. */
    public HttpClient httpClient() {
        try {
            SslContext trust = SslContextBuilder.forClient().trustManager(certificate.certificate()).build();
            reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(trust));
            return new NettyAsyncHttpClientBuilder(netty)
                    .proxy(new ProxyOptions(ProxyOptions.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.getLocalPort())))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot make the fake's client TLS context", e);
        }
    }

    // --- what the test reads -----------------------------------------------------------------------------

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The operations received so far ({@code Microsoft.KeyVault/vaults:GetKeys}...), each once. */
    public synchronized Set<String> operations() {
        Set<String> out = new LinkedHashSet<>();
        requests.forEach(r -> out.add(r.operation()));
        return out;
    }

    public synchronized long count(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).count();
    }

    /** The hosts the clients asked the proxy to tunnel to. */
    public synchronized Set<String> tunnelledHosts() {
        return Set.copyOf(tunnelledHosts);
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            proxy.close();
        } catch (IOException ignored) {
            // closing a listening socket on loopback
        }
        threads.shutdownNow();
    }

    // --- the proxy -----------------------------------------------------------------------------------------

    private void acceptTunnels() {
        while (!proxy.isClosed()) {
            try {
                Socket client = proxy.accept();
                threads.execute(() -> tunnel(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads a CONNECT request, answers 200 and relays bytes both ways to the TLS server, whatever host was asked. */
    private void tunnel(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            String[] requestLine = head.toString().split("\r\n", 2)[0].split(" ");
            OutputStream out = client.getOutputStream();
            if (requestLine.length < 2 || !requestLine[0].equals("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            synchronized (this) {
                tunnelledHosts.add(requestLine[1]);
            }
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var back = threads.submit(() -> relay(upstream.getInputStream(), out));
            relay(in, upstream.getOutputStream());
            back.get();
        } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException ignored) {
            // the client or the server closed the connection
        }
    }

    private static Void relay(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException closed) {
            // one side closed: the tunnel ends
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        return null;
    }

    // --- the services --------------------------------------------------------------------------------------

    private record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, Object body) {
            return new Answer(status, Json.write(body), Map.of());
        }
    }

    private static final class Refusal extends RuntimeException {
        final Answer answer;

        Refusal(Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("")
                    .toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath().replaceAll("/+$", "");
            String query = Optional.ofNullable(uri.getRawQuery()).orElse("");
            String method = exchange.getRequestMethod();
            String[] operation = {"unknown:" + method + " " + path};
            Answer answer;
            try {
                if (host.equals(RESOURCE_MANAGER)) {
                    answer = arm(exchange, method, path, query, operation);
                } else {
                    FakeVault vault;
                    synchronized (this) {
                        vault = vaults.get(host);
                    }
                    if (vault == null) {
                        answer = new Answer(404, "", Map.of());
                    } else {
                        answer = keyVault(exchange, vault, method, path, query, operation);
                    }
                }
            } catch (Refusal r) {
                answer = r.answer;
            }
            synchronized (this) {
                requests.add(new Request(operation[0], host, method, path, answer.status()));
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (bytes.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (RuntimeException e) {
            // A bug in the fake itself: answer 500 so that the test sees it rather than hangs.
            byte[] text = ("fake failed: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, text.length);
            exchange.getResponseBody().write(text);
        }
    }

    private static ObjectNode error(String code, String message, Optional<String> inner) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        inner.ifPresent(i -> error.putObject("innererror").put("code", i));
        return body;
    }

    private static Map<String, String> queryOf(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
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

    private String bearer(HttpExchange exchange) {
        String auth = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        return auth.startsWith("Bearer ") ? auth.substring(7) : "";
    }

    // --- Key Vault and Managed HSM ---

    private Answer keyVault(HttpExchange exchange, FakeVault vault, String method, String path, String query,
                            String[] operation) {
        String service = vault.managedHsm ? "Microsoft.KeyVault/managedHSMs" : "Microsoft.KeyVault/vaults";
        String[] segments = path.isEmpty() ? new String[0] : path.substring(1).split("/");
        String name = keyVaultOperation(method, segments);
        operation[0] = service + ":" + name;
        String resource = vault.managedHsm ? "https://managedhsm.azure.net" : "https://vault.azure.net";
        String token = bearer(exchange);
        if (token.isEmpty()) {
            return new Answer(401, Json.write(error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.",
                    Optional.empty())), Map.of("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
                    + tenant + "\", resource=\"" + resource + "\""));
        }
        if (!FakeEntraCredential.scopeOf(token, tenant).equals(resource + "/.default")) {
            return Answer.json(401, error("Unauthorized", "AKV10022: Invalid audience. Expected " + resource
                    + ", found: " + token + ".", Optional.empty()));
        }
        if (!API_VERSION.matcher(query).find()) {
            return Answer.json(400, error("BadParameter", "The request URI contains an invalid or missing api-version.",
                    Optional.empty()));
        }
        synchronized (vault) {
            if (vault.takeThrottle()) {
                return new Answer(429, Json.write(error("Throttled", "Request was not processed because too many requests "
                        + "were received. Reason: VaultRequestTypeLimitReached", Optional.empty())),
                        Map.of("Retry-After", Integer.toString(vault.retryAfterSeconds)));
            }
            if (vault.dataPlaneDenied || vault.deniedOperations.contains(name)) {
                return Answer.json(403, denial(vault, name));
            }
            return switch (name) {
                case "GetKeys" -> page(vault, "keys", new ArrayList<>(vault.keys.values()), query,
                        k -> keyItem(vault, k, Optional.empty()));
                case "GetKeyVersions" -> {
                    FakeVaultKey key = live(vault, segments[1]);
                    yield page(vault, "keys/" + key.name + "/versions", new ArrayList<>(key.versions), query,
                            v -> keyItem(vault, key, Optional.of(v)));
                }
                case "GetKey" -> {
                    FakeVaultKey key = live(vault, segments[1]);
                    FakeVaultKey.Version v = segments.length > 2 ? key.versions.stream().filter(x -> x.id.equals(segments[2]))
                            .findFirst().orElseThrow(() -> notFound(segments[1])) : key.current();
                    yield Answer.json(200, keyBundle(vault, key, v));
                }
                case "GetKeyRotationPolicy" -> Answer.json(200, rotationPolicy(vault, live(vault, segments[1])));
                case "GetDeletedKeys" -> page(vault, "deletedkeys", new ArrayList<>(vault.deleted.values()), query,
                        k -> deletedItem(vault, k, false));
                case "GetDeletedKey" -> {
                    FakeVaultKey key = Optional.ofNullable(vault.deleted.get(segments[1].toLowerCase(Locale.ROOT)))
                            .orElseThrow(() -> notFound(segments[1]));
                    yield Answer.json(200, deletedItem(vault, key, true));
                }
                default -> Answer.json(400, error("BadParameter", "operation " + method + " " + path
                        + " is not answered by this fake", Optional.empty()));
            };
        }
    }

    /** The operation as the Key Vault REST API reference names it. */
    private static String keyVaultOperation(String method, String[] s) {
        if (!method.equals("GET") || s.length == 0) {
            return method + " /" + String.join("/", s);
        }
        if (s[0].equals("keys")) {
            if (s.length == 1) {
                return "GetKeys";
            }
            if (s.length == 3 && s[2].equals("versions")) {
                return "GetKeyVersions";
            }
            if (s.length == 3 && s[2].equals("rotationpolicy")) {
                return "GetKeyRotationPolicy";
            }
            if (s.length <= 3) {
                return "GetKey";
            }
        }
        if (s[0].equals("deletedkeys")) {
            return s.length == 1 ? "GetDeletedKeys" : "GetDeletedKey";
        }
        return "GET /" + String.join("/", s);
    }

    private static ObjectNode denial(FakeVault vault, String operation) {
        if (vault.managedHsm || vault.rbac) {
            String action = vault.managedHsm ? "Microsoft.KeyVault/managedHsm/keys/read/action"
                    : operation.equals("GetKeyRotationPolicy") ? "Microsoft.KeyVault/vaults/keyrotationpolicies/read"
                    : operation.contains("Deleted") ? "Microsoft.KeyVault/vaults/deletedKeys/read"
                    : "Microsoft.KeyVault/vaults/keys/read";
            return error("Forbidden", "Caller is not authorized to perform action on resource.\r\nIf role assignments, "
                    + "deny assignments or role definitions were changed recently, please observe propagation time.\r\n"
                    + "Action: '" + action + "'\r\nVault: " + vault.name + ";location=" + vault.location + "\r\n",
                    Optional.of("ForbiddenByRbac"));
        }
        String permission = operation.equals("GetKeyRotationPolicy") ? "getrotationpolicy"
                : operation.startsWith("GetKey") && !operation.equals("GetKeys") && !operation.equals("GetKeyVersions")
                ? "get" : "list";
        return error("Forbidden", "The user, group or application 'appid=sweep' does not have keys " + permission
                + " permission on key vault '" + vault.name + ";location=" + vault.location + "'.", Optional.of("AccessDenied"));
    }

    private static Refusal notFound(String keyName) {
        return new Refusal(Answer.json(404, error("KeyNotFound", "A key with (name/id) " + keyName
                + " was not found in this key vault.", Optional.empty())));
    }

    private static FakeVaultKey live(FakeVault vault, String keyName) {
        return Optional.ofNullable(vault.keys.get(keyName.toLowerCase(Locale.ROOT))).orElseThrow(() -> notFound(keyName));
    }

    private <T> Answer page(FakeVault vault, String listing, List<T> items, String query, Function<T, ObjectNode> item) {
        Map<String, String> q = queryOf(query);
        int size = vault.pageSize;
        if (q.containsKey("maxresults")) {
            try {
                size = Math.min(size, Integer.parseInt(q.get("maxresults")));
            } catch (NumberFormatException e) {
                return Answer.json(400, error("BadParameter", "maxresults is not a number", Optional.empty()));
            }
            if (size < 1 || size > 25) {
                return Answer.json(400, error("BadParameter", "maxresults must be between 1 and 25", Optional.empty()));
            }
        }
        int from = 0;
        if (q.containsKey("$skiptoken")) {
            from = offset(listing, q.get("$skiptoken"));
            if (from < 0) {
                return Answer.json(400, error("BadParameter", "The skip token is not valid.", Optional.empty()));
            }
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode value = body.putArray("value");
        int to = Math.min(items.size(), from + size);
        for (int i = from; i < to; i++) {
            value.add(item.apply(items.get(i)));
        }
        if (to < items.size()) {
            body.put("nextLink", "https://" + vault.host() + ":443/" + listing + "?api-version=" + q.get("api-version")
                    + "&$skiptoken=" + token(listing, to) + "&maxresults=" + size);
        } else {
            body.putNull("nextLink");
        }
        return Answer.json(200, body);
    }

    private static String token(String listing, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((listing + "!" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String listing, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return text.startsWith(listing + "!") ? Integer.parseInt(text.substring(listing.length() + 1)) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static long epoch(Instant at) {
        return at.getEpochSecond();
    }

    private static ObjectNode attributes(FakeVaultKey key, FakeVaultKey.Version v) {
        ObjectNode a = Json.mapper().createObjectNode();
        a.put("enabled", v.enabled);
        v.notBefore.ifPresent(t -> a.put("nbf", epoch(t)));
        v.expires.ifPresent(t -> a.put("exp", epoch(t)));
        a.put("created", epoch(v.created));
        a.put("updated", epoch(v.updated));
        a.put("recoveryLevel", key.recoveryLevel);
        a.put("recoverableDays", key.recoverableDays);
        a.put("exportable", false);
        return a;
    }

    private static ObjectNode keyItem(FakeVault vault, FakeVaultKey key, Optional<FakeVaultKey.Version> version) {
        FakeVaultKey.Version v = version.orElse(key.current());
        ObjectNode item = Json.mapper().createObjectNode();
        item.put("kid", "https://" + vault.host() + "/keys/" + key.name + version.map(x -> "/" + x.id).orElse(""));
        item.set("attributes", attributes(key, v));
        ObjectNode tags = item.putObject("tags");
        key.tags.forEach(tags::put);
        if (key.managed) {
            item.put("managed", true);
        }
        return item;
    }

    private static ObjectNode keyBundle(FakeVault vault, FakeVaultKey key, FakeVaultKey.Version v) {
        ObjectNode bundle = Json.mapper().createObjectNode();
        ObjectNode jwk = bundle.putObject("key");
        jwk.put("kid", "https://" + vault.host() + "/keys/" + key.name + "/" + v.id);
        jwk.put("kty", v.kty);
        ArrayNode ops = jwk.putArray("key_ops");
        v.keyOps.forEach(ops::add);
        if (v.kty.startsWith("RSA")) {
            jwk.put("n", key.modulus());
            jwk.put("e", "AQAB");
        } else if (v.kty.startsWith("EC")) {
            jwk.put("crv", v.curve.orElse("P-256"));
            jwk.put("x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU");
            jwk.put("y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
        }
        bundle.set("attributes", attributes(key, v));
        ObjectNode tags = bundle.putObject("tags");
        key.tags.forEach(tags::put);
        if (key.managed) {
            bundle.put("managed", true);
        }
        return bundle;
    }

    private static ObjectNode deletedItem(FakeVault vault, FakeVaultKey key, boolean bundle) {
        ObjectNode item = bundle ? keyBundle(vault, key, key.current()) : keyItem(vault, key, Optional.empty());
        item.put("recoveryId", "https://" + vault.host() + "/deletedkeys/" + key.name);
        key.deletedDate.ifPresent(t -> item.put("deletedDate", epoch(t)));
        key.scheduledPurgeDate.ifPresent(t -> item.put("scheduledPurgeDate", epoch(t)));
        return item;
    }

    private static ObjectNode rotationPolicy(FakeVault vault, FakeVaultKey key) {
        ObjectNode policy = Json.mapper().createObjectNode();
        policy.put("id", "https://" + vault.host() + "/keys/" + key.name + "/rotationpolicy");
        ArrayNode actions = policy.putArray("lifetimeActions");
        List<FakeVaultKey.Action> list = key.rotation.orElse(List.of(new FakeVaultKey.Action("Notify", Optional.empty(),
                Optional.of("P30D"))));
        for (FakeVaultKey.Action a : list) {
            ObjectNode action = actions.addObject();
            ObjectNode trigger = action.putObject("trigger");
            a.timeAfterCreate().ifPresent(t -> trigger.put("timeAfterCreate", t));
            a.timeBeforeExpiry().ifPresent(t -> trigger.put("timeBeforeExpiry", t));
            action.putObject("action").put("type", a.type());
        }
        ObjectNode attributes = policy.putObject("attributes");
        key.rotationExpiry.ifPresent(e -> attributes.put("expiryTime", e));
        if (key.rotation.isPresent()) {
            attributes.put("created", epoch(key.versions.get(0).created));
            attributes.put("updated", epoch(key.versions.get(0).created));
        }
        return policy;
    }

    // --- Resource Manager ---

    private static final Pattern VAULTS = Pattern.compile("/subscriptions/([^/]+)/providers/Microsoft\\.KeyVault/(vaults|managedHSMs)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VAULT_KEYS = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.KeyVault/(vaults|managedHSMs)/([^/]+)/keys",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DESCENDANTS = Pattern.compile(
            "/providers/Microsoft\\.Management/managementGroups/([^/]+)/descendants", Pattern.CASE_INSENSITIVE);

    private Answer arm(HttpExchange exchange, String method, String path, String query, String[] operation) {
        Matcher vaultsPath = VAULTS.matcher(path);
        Matcher keysPath = VAULT_KEYS.matcher(path);
        Matcher descendants = DESCENDANTS.matcher(path);
        if (path.equalsIgnoreCase("/subscriptions")) {
            operation[0] = "Microsoft.Resources:Subscriptions_List";
        } else if (descendants.matches()) {
            operation[0] = "Microsoft.Management:ManagementGroups_GetDescendants";
        } else if (vaultsPath.matches()) {
            operation[0] = "Microsoft.KeyVault:" + (vaultsPath.group(2).equalsIgnoreCase("vaults")
                    ? "Vaults_ListBySubscription" : "ManagedHsms_ListBySubscription");
        } else if (keysPath.matches()) {
            operation[0] = "Microsoft.KeyVault:" + (keysPath.group(3).equalsIgnoreCase("vaults") ? "Keys_List"
                    : "ManagedHsmKeys_List");
        } else {
            operation[0] = "Microsoft.Resources:" + method + " " + path;
        }
        if (!FakeEntraCredential.scopeOf(bearer(exchange), tenant).equals("https://" + RESOURCE_MANAGER + "/.default")) {
            return Answer.json(401, error("InvalidAuthenticationToken", "The access token is missing or invalid.",
                    Optional.empty()));
        }
        if (!API_VERSION.matcher(query).find() || !method.equals("GET")) {
            return Answer.json(400, error("MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.", Optional.empty()));
        }
        synchronized (this) {
            if (armThrottleNext > 0) {
                armThrottleNext--;
                return new Answer(429, Json.write(error("TooManyRequests", "The request is being throttled.",
                        Optional.empty())), Map.of("Retry-After", Integer.toString(armRetryAfter)));
            }
            List<ObjectNode> items = new ArrayList<>();
            if (path.equalsIgnoreCase("/subscriptions")) {
                subscriptions.forEach((id, displayName) -> items.add(Json.mapper().createObjectNode()
                        .put("id", "/subscriptions/" + id).put("subscriptionId", id).put("tenantId", tenant)
                        .put("displayName", displayName).put("state", "Enabled")));
            } else if (descendants.matches()) {
                String group = descendants.group(1);
                if (!groupParent.containsKey(group)) {
                    return Answer.json(404, error("NotFound", "'" + group + "' not found", Optional.empty()));
                }
                groupParent.forEach((g, parent) -> {
                    if (under(g, group) && !g.equals(group)) {
                        ObjectNode n = Json.mapper().createObjectNode().put("id", "/providers/Microsoft.Management/managementGroups/" + g)
                                .put("type", "Microsoft.Management/managementGroups").put("name", g);
                        n.putObject("properties").put("displayName", g).putObject("parent")
                                .put("id", "/providers/Microsoft.Management/managementGroups/" + parent);
                        items.add(n);
                    }
                });
                subscriptionGroup.forEach((s, g) -> {
                    if (under(g, group)) {
                        ObjectNode n = Json.mapper().createObjectNode().put("id", "/subscriptions/" + s)
                                .put("type", "Microsoft.Management/managementGroups/subscriptions").put("name", s);
                        n.putObject("properties").put("displayName", subscriptions.getOrDefault(s, s)).putObject("parent")
                                .put("id", "/providers/Microsoft.Management/managementGroups/" + g);
                        items.add(n);
                    }
                });
            } else if (vaultsPath.matches()) {
                String subscription = vaultsPath.group(1).toLowerCase(Locale.ROOT);
                if (deniedSubscriptions.contains(subscription)) {
                    return Answer.json(403, error("AuthorizationFailed", "The client 'sweep' with object id 'sweep' does "
                            + "not have authorization to perform action 'Microsoft.KeyVault/" + vaultsPath.group(2)
                            + "/read' over scope '/subscriptions/" + subscription + "' or the scope is invalid.",
                            Optional.empty()));
                }
                boolean hsms = vaultsPath.group(2).equalsIgnoreCase("managedHSMs");
                vaults.values().stream().filter(v -> v.subscription.equals(subscription) && v.managedHsm == hsms)
                        .forEach(v -> items.add(armVault(v)));
            } else if (keysPath.matches()) {
                FakeVault vault = vaults.values().stream().filter(v -> v.name.equalsIgnoreCase(keysPath.group(4))
                        && v.subscription.equalsIgnoreCase(keysPath.group(1))).findFirst().orElse(null);
                if (vault == null) {
                    return Answer.json(404, error("ResourceNotFound", "The Resource '" + keysPath.group(4)
                            + "' was not found.", Optional.empty()));
                }
                vault.keys.values().forEach(k -> items.add(armKey(vault, k)));
            } else {
                return Answer.json(404, error("InvalidResourceType", "The resource type could not be found.",
                        Optional.empty()));
            }
            return armPage(path, query, items);
        }
    }

    private boolean under(String group, String ancestor) {
        for (String g = group; g != null && !g.isEmpty(); g = groupParent.get(g)) {
            if (g.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private Answer armPage(String path, String query, List<ObjectNode> items) {
        Map<String, String> q = queryOf(query);
        int from = q.containsKey("$skiptoken") ? offset(path, q.get("$skiptoken")) : 0;
        if (from < 0) {
            return Answer.json(400, error("InvalidSkipToken", "The skip token is not valid.", Optional.empty()));
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode value = body.putArray("value");
        int to = Math.min(items.size(), from + armPageSize);
        for (int i = from; i < to; i++) {
            value.add(items.get(i));
        }
        if (to < items.size()) {
            body.put("nextLink", "https://" + RESOURCE_MANAGER + path + "?api-version=" + q.get("api-version")
                    + "&$skiptoken=" + token(path, to));
        }
        return Answer.json(200, body);
    }

    private static ObjectNode armVault(FakeVault v) {
        String type = v.managedHsm ? "managedHSMs" : "vaults";
        ObjectNode n = Json.mapper().createObjectNode()
                .put("id", "/subscriptions/" + v.subscription + "/resourceGroups/" + v.resourceGroup
                        + "/providers/Microsoft.KeyVault/" + type + "/" + v.name)
                .put("name", v.name).put("type", "Microsoft.KeyVault/" + type).put("location", v.location);
        ObjectNode p = n.putObject("properties");
        p.put("tenantId", "00000000-0000-0000-0000-000000000000");
        p.put(v.managedHsm ? "hsmUri" : "vaultUri", "https://" + v.host() + "/");
        if (!v.managedHsm) {
            p.put("enableRbacAuthorization", v.rbac);
        }
        p.put("enableSoftDelete", true);
        p.put("softDeleteRetentionInDays", v.softDeleteDays);
        if (v.purgeProtection) {
            p.put("enablePurgeProtection", true);
        }
        return n;
    }

    private static ObjectNode armKey(FakeVault vault, FakeVaultKey key) {
        FakeVaultKey.Version v = key.current();
        String type = vault.managedHsm ? "managedHSMs" : "vaults";
        ObjectNode n = Json.mapper().createObjectNode()
                .put("id", "/subscriptions/" + vault.subscription + "/resourceGroups/" + vault.resourceGroup
                        + "/providers/Microsoft.KeyVault/" + type + "/" + vault.name + "/keys/" + key.name)
                .put("name", key.name).put("type", "Microsoft.KeyVault/" + type + "/keys").put("location", vault.location);
        ObjectNode tags = n.putObject("tags");
        key.tags.forEach(tags::put);
        ObjectNode p = n.putObject("properties");
        p.set("attributes", attributes(key, v));
        p.put("kty", v.kty);
        ArrayNode ops = p.putArray("keyOps");
        v.keyOps.forEach(ops::add);
        if (v.kty.startsWith("EC")) {
            p.put("curveName", v.curve.orElse("P-256"));
        } else {
            p.put("keySize", v.size);
        }
        p.put("keyUri", "https://" + vault.host() + "/keys/" + key.name);
        p.put("keyUriWithVersion", "https://" + vault.host() + "/keys/" + key.name + "/" + v.id);
        if (key.rotation.isPresent()) {
            p.set("rotationPolicy", rotationPolicy(vault, key));
        }
        return n;
    }
}
