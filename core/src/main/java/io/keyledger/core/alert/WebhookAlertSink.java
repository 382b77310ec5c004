package io.keyledger.core.alert;

import io.keyledger.core.json.Json;
import io.keyledger.core.sweep.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each alert as JSON to a webhook. The body is signed: header {@value #SIGNATURE_HEADER} is
 * {@code sha256=<hex HMAC-SHA256 of the exact body bytes under the shared secret>}, so the receiver
 * can check the alert came from KeyLedger unaltered. Each attempt has a timeout; a timeout, an I/O
 * error, a 429 or a 5xx is retried up to {@code maxAttempts} with doubling backoff; another status is
 * final.
 */
public final class WebhookAlertSink implements AlertSink {

    public static final String SIGNATURE_HEADER = "X-KeyLedger-Signature";
    public static final String ALERT_ID_HEADER = "X-KeyLedger-Alert-Id";

    /** @param backoff the wait before the second attempt; it doubles for each further one */
    public record Settings(URI uri, byte[] secret, Duration timeout, int maxAttempts, Duration backoff) {
        public Settings {
            Objects.requireNonNull(uri, "uri");
            if (secret.length == 0) {
                throw new IllegalArgumentException("webhook secret must not be empty");
            }
            secret = secret.clone();
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }

        public static Settings of(URI uri, String secret) {
            return new Settings(uri, secret.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5), 3,
                    Duration.ofMillis(500));
        }
    }

    private final Settings settings;
    private final HttpClient client;
    private final Sleeper pause;

    /** @param pause waits between attempts ({@link Sleeper#threads()}; tests pass one that records) */
    public WebhookAlertSink(Settings settings, HttpClient client, Sleeper pause) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public String name() {
        return "webhook:" + settings.uri();
    }

    /** The signature header's value for a body. */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    @Override
    public void send(Alert alert) throws IOException {
        byte[] body = Json.write(alert).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(settings.uri())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature(settings.secret(), body))
                .header(ALERT_ID_HEADER, alert.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String last = "";
        Duration wait = settings.backoff();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                waitFor(wait);
                wait = wait.multipliedBy(2);
            }
            int status;
            try {
                status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                // Timeouts (HttpTimeoutException) and connection failures are worth another attempt.
                last = e.toString();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending alert " + alert.id(), e);
            }
            if (status / 100 == 2) {
                return;
            }
            last = "HTTP " + status;
            if (status != 429 && status / 100 != 5) {
                throw new IOException(name() + " refused alert " + alert.id() + ": " + last);
            }
        }
        throw new IOException(name() + " failed for alert " + alert.id() + " after " + settings.maxAttempts()
                + " attempts: " + last);
    }

    private void waitFor(Duration d) throws IOException {
        try {
            pause.pause(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while backing off", e);
        }
    }
}
