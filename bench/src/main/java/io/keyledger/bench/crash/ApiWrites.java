package io.keyledger.bench.crash;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertStatus;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The writes a tenant's client sends to {@code keyledger serve}, in order: per key an annotation, a second one
 * for every fifth key (so that the order of writes shows in the result), a declared compromise for every tenth
 * and a legal hold for every twentieth, then the acknowledgement of some open alerts. Every write can be sent
 * again after a crash: annotations and compromises carry an {@code Idempotency-Key}, and placing a hold or
 * acknowledging an alert again answers as the first time (docs/API.md, "Retries").
 */
final class ApiWrites {

    /** One write: what it is, and the answers it may get (a redelivered write may get the second). */
    record Write(String method, String path, String body, Optional<String> idempotencyKey, Set<Integer> expected) {

        HttpRequest request(String url, String token) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            idempotencyKey.ifPresent(k -> b.header("Idempotency-Key", k));
            return b.build();
        }
    }

    private ApiWrites() {
    }

    /** The writes of each tenant of the database, at most {@code keysPerTenant} keys each. */
    static Map<String, List<Write>> plan(Path db, int keysPerTenant) {
        Map<String, List<Write>> plan = new TreeMap<>();
        try (SqliteInventoryStore store = SqliteInventoryStore.open(db, CoreServices.systemClock())) {
            for (String tenant : store.tenants()) {
                List<Write> writes = new ArrayList<>();
                Page<CryptoAsset> keys = store.assets(tenant, AssetQuery.ALL,
                        new PageRequest(Optional.empty(), Math.min(PageRequest.MAX_LIMIT, keysPerTenant)));
                int i = 0;
                for (CryptoAsset key : keys.items()) {
                    String path = "/keys/" + encoded(key.ref().id());
                    writes.add(annotation(tenant, path, i, "team-" + (i % 7), "confidential"));
                    if (i % 5 == 0) {
                        writes.add(annotation(tenant, path, i + 100_000, "team-custody", "restricted"));
                    }
                    if (i % 10 == 3) {
                        writes.add(new Write("POST", path + "/compromise", "{\"reason\":\"crash suite " + i
                                + "\",\"changeReference\":\"INC-" + i + "\"}", Optional.of(tenant + "-compromise-" + i),
                                Set.of(200)));
                    }
                    if (i % 20 == 7) {
                        writes.add(new Write("POST", "/legal-holds", "{\"scope\":\"key\",\"keyId\":\""
                                + key.ref().id() + "\",\"reason\":\"crash suite hold " + i + "\"}", Optional.empty(),
                                Set.of(201, 200)));
                    }
                    i++;
                }
                Page<Alert> alerts = store.alerts(tenant, Optional.of(AlertStatus.OPEN),
                        new PageRequest(Optional.empty(), 10));
                for (Alert alert : alerts.items()) {
                    writes.add(new Write("POST", "/alerts/" + alert.id() + "/acknowledge", "{}", Optional.empty(),
                            Set.of(200)));
                }
                plan.put(tenant, List.copyOf(writes));
            }
        }
        return plan;
    }

    private static Write annotation(String tenant, String keyPath, int n, String owner, String classification) {
        return new Write("POST", keyPath + "/annotations", "{\"owner\":\"" + owner + "\",\"classification\":\""
                + classification + "\",\"changeReference\":\"CHG-" + n + "\"}",
                Optional.of(tenant + "-annotation-" + n), Set.of(200));
    }

    private static String encoded(String keyId) {
        return URLEncoder.encode(keyId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends {@code writes} from {@code from} on, one after the other, until the server stops answering.
     *
     * @return the index of the first write not answered (the one to send again), {@code writes.size()} when all were
     */
    static int send(HttpClient http, String url, String token, List<Write> writes, int from, Progress progress) {
        for (int i = from; i < writes.size(); i++) {
            Write w = writes.get(i);
            HttpResponse<String> answer;
            try {
                answer = http.send(w.request(url, token), HttpResponse.BodyHandlers.ofString());
            } catch (IOException serverGone) {
                return i;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return i;
            }
            if (!w.expected().contains(answer.statusCode())) {
                progress.unexpected(w.method() + " " + w.path() + " answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            progress.answered();
        }
        return writes.size();
    }

    /** Counts answered writes for the harness to wait on, and keeps unexpected answers. */
    static final class Progress {
        private long answered;
        private int clients;
        private final List<String> unexpected = new ArrayList<>();

        /** Called before the clients start, so that a wait never sees zero clients before they began. */
        synchronized void clientsStarting(int count) {
            clients += count;
        }

        synchronized void clientEnded() {
            clients--;
            notifyAll();
        }

        synchronized void answered() {
            answered++;
            notifyAll();
        }

        synchronized void unexpected(String what) {
            unexpected.add(what);
        }

        synchronized List<String> unexpectedAnswers() {
            return List.copyOf(unexpected);
        }

        /** Waits until {@code count} writes in all were answered, or every client has ended. */
        synchronized void awaitAnswered(long count) throws InterruptedException {
            while (answered < count && clients > 0) {
                wait();
            }
        }
    }
}
