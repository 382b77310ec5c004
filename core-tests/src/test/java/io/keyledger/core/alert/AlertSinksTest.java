package io.keyledger.core.alert;

import static io.keyledger.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSinksTest {

    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final Alert ALERT = Alert.open("acme", Rule.COMPROMISE_DECLARED, Optional.of("k1"),
            List.of("aws:e1"), "compromise of k1 declared", "k1:aws:e1", T0);

    private HttpServer server;
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Boolean> signaturesValid = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hangFirst;
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            int n = calls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            bodies.add(new String(body, StandardCharsets.UTF_8));
            String expected = WebhookAlertSink.signature(SECRET, body);
            String got = exchange.getRequestHeaders().getFirst(WebhookAlertSink.SIGNATURE_HEADER);
            // The receiver's check: constant-time comparison of the recomputed HMAC.
            signaturesValid.add(got != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    got.getBytes(StandardCharsets.UTF_8)));
            if (hangFirst && n == 1) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = statuses.isEmpty() ? 204 : statuses.remove(0);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private WebhookAlertSink sink(Duration timeout, int attempts) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        return new WebhookAlertSink(new WebhookAlertSink.Settings(uri, SECRET, timeout, attempts, Duration.ofMillis(100)),
                HttpClient.newHttpClient(), pauses::add);
    }

    @Test
    void theWebhookGetsTheAlertAsSignedJson() throws IOException {
        sink(Duration.ofSeconds(5), 3).send(ALERT);
        assertThat(calls).hasValue(1);
        assertThat(signaturesValid).containsExactly(true);
        assertThat(Json.read(bodies.get(0), Alert.class)).isEqualTo(ALERT);
    }

    @Test
    void aServerErrorIsRetriedWithDoublingBackoff() throws IOException {
        statuses.addAll(List.of(500, 503));
        sink(Duration.ofSeconds(5), 3).send(ALERT);
        assertThat(calls).hasValue(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(signaturesValid).containsOnly(true);
    }

    @Test
    void retriesAreBoundedAndAClientErrorIsFinal() {
        statuses.addAll(List.of(500, 500, 500, 500));
        assertThatThrownBy(() -> sink(Duration.ofSeconds(5), 3).send(ALERT)).isInstanceOf(IOException.class)
                .hasMessageContaining("after 3 attempts: HTTP 500");
        assertThat(calls).hasValue(3);
        statuses.clear();
        statuses.add(400);
        assertThatThrownBy(() -> sink(Duration.ofSeconds(5), 3).send(ALERT)).hasMessageContaining("refused");
        assertThat(calls).hasValue(4);
    }

    @Test
    void aHangingServerTimesOutAndTheNextAttemptSucceeds() throws IOException {
        hangFirst = true;
        sink(Duration.ofMillis(300), 2).send(ALERT);
        assertThat(calls).hasValue(2);
        assertThat(pauses).hasSize(1);
    }

    @Test
    void theJsonLinesSinkAppendsOneLinePerAlert(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/alerts.jsonl");
        JsonLinesAlertSink sink = new JsonLinesAlertSink(file);
        sink.send(ALERT);
        sink.send(ALERT.acknowledged("local:bob", T0));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Json.read(lines.get(0), Alert.class)).isEqualTo(ALERT);
    }

    @Test
    void theLogSinkWritesOneLineOfJson() {
        List<String> logged = new ArrayList<>();
        System.Logger logger = new System.Logger() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
                logged.add(level + " " + msg);
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
                logged.add(level + " " + format);
            }
        };
        new LogAlertSink(logger).send(ALERT);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).startsWith("ERROR {").doesNotContain("\n");
    }
}
