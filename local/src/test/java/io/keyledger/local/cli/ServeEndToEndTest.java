package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Starts {@code keyledger serve} as its own process over a database of ingested sample events (the
 * demo's real-format records of the three clouds), and reads keys and reports over HTTP with tokens
 * from {@code keyledger token}, as a user would.
 */
class ServeEndToEndTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    static Path home;

    private static Process server;
    private static String baseUrl;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final StringBuffer SERVER_OUTPUT = new StringBuffer();

    @BeforeAll
    static void ingestSamplesAndStartTheServer() throws Exception {
        CliHarness.Result demo = new CliHarness(home).run("demo", "--db", home.resolve("keyledger.db").toString());
        assertThat(demo.exitCode()).as(demo.toString()).isZero();

        server = keyledger("serve", "--port", "0");
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    SERVER_OUTPUT.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the server ended; the future below reports it
            }
            url.completeExceptionally(new IllegalStateException("serve ended without listening:\n" + SERVER_OUTPUT));
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        baseUrl = url.get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopTheServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Runs the CLI in a JVM of its own, with the real clock, on the test's home. */
    private static Process keyledger(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KeyLedgerCli.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--home", home.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String token(String tenant, String role) throws Exception {
        Process p = keyledger("token", "--tenant", tenant, "--role", role);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String keyId) {
        return URLEncoder.encode(keyId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void readsKeysHistoriesAndReportsWithTheRightRoles() throws Exception {
        String auditor = token("default", "auditor");

        HttpResponse<String> keys = get("/keys?limit=100", auditor);
        assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
        JsonNode items = Json.mapper().readTree(keys.body()).get("items");
        assertThat(items.size()).isEqualTo(15);
        assertThat(items.findValuesAsString("provider")).contains("aws", "azure", "gcp");

        String keyId = items.get(0).get("id").asString();
        HttpResponse<String> one = get("/keys/" + encode(keyId), auditor);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(one.body()).get("id").asString()).isEqualTo(keyId);

        HttpResponse<String> history = get("/keys/" + encode(keyId) + "/history", auditor);
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        assertThat(history.body()).contains(keyId);

        HttpResponse<String> csv = get("/reports/inventory?format=csv", auditor);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().lines().count()).isGreaterThanOrEqualTo(15);

        HttpResponse<String> cbom = get("/reports/inventory?format=cbom", auditor);
        assertThat(cbom.statusCode()).as(cbom.body()).isEqualTo(200);
        JsonNode bom = Json.mapper().readTree(cbom.body());
        assertThat(bom.get("specVersion").asString()).isEqualTo("1.6");
        assertThat(bom.get("components").valueStream()
                .filter(c -> c.path("cryptoProperties").has("relatedCryptoMaterialProperties")))
                .hasSize(15)
                .allSatisfy(c -> assertThat(c.get("cryptoProperties").get("relatedCryptoMaterialProperties").has("value"))
                        .as("key material in %s", c.get("bom-ref")).isFalse());

        HttpResponse<String> evidence = get("/reports/evidence?format=html", auditor);
        assertThat(evidence.statusCode()).as(evidence.body()).isEqualTo(200);
        assertThat(evidence.body()).contains("CEK-21");

        HttpResponse<String> verify = get("/ledger/verify", auditor);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(verify.body()).contains("true");
    }

    @Test
    void refusesCallersWithoutATokenOrWithTheWrongTenantOrRole() throws Exception {
        HttpResponse<String> anonymous = get("/keys", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.body()).doesNotContain("Exception").doesNotContain("\tat ");

        HttpResponse<String> otherTenant = get("/keys?tenant=default", token("other", "admin"));
        assertThat(otherTenant.statusCode()).isEqualTo(404);

        HttpResponse<String> viewerReport = get("/reports/inventory?format=csv", token("default", "viewer"));
        assertThat(viewerReport.statusCode()).isEqualTo(403);

        assertThat(get("/keys", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void anAnnotationByACustodianIsLedgeredWithTheCallerAsActor() throws Exception {
        String custodian = token("default", "custodian");
        String keyId = Json.mapper().readTree(get("/keys?limit=1", custodian).body()).get("items").get(0).get("id")
                .asString();

        HttpResponse<String> annotated = HTTP.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/keys/" + encode(keyId) + "/annotations"))
                .header("Authorization", "Bearer " + custodian)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"owner\": \"payments-team\", \"changeReference\": \"CHG-1234\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(annotated.statusCode()).as(annotated.body()).isBetween(200, 201);

        JsonNode key = Json.mapper().readTree(get("/keys/" + encode(keyId), custodian).body());
        assertThat(key.get("owner").asString()).isEqualTo("payments-team");
        HttpResponse<String> ledger = get("/keys/" + encode(keyId) + "/ledger", custodian);
        assertThat(ledger.statusCode()).as(ledger.body()).isEqualTo(200);
        assertThat(ledger.body()).contains("CHG-1234");
        assertThat(get("/keys/" + encode(keyId) + "/history", custodian).body())
                .contains("ANNOTATE").contains(System.getProperty("user.name"));
    }

    @Test
    void servesTheOpenApiDocumentAndPrintsWhereItListens() throws Exception {
        HttpResponse<String> openapi = get("/openapi.json", null);

        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(openapi.body()).get("openapi").asString()).startsWith("3.1");
        assertThat(SERVER_OUTPUT.toString()).contains("listening on " + baseUrl).contains("keyledger token");
    }
}
