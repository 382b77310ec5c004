package io.keyledger.gcp.firestore;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Firestore store writes, read back raw from the emulator: the {@code expireAt} of expiring documents (and
 * none under legal hold), document ids, and Firestore's 1 MiB document limit, met by compression, by splitting
 * sweep reports, or by a refusal that names the record.
 */
class FirestoreDocumentsTest {

    private static final String ACME = "acme";
    @RegisterExtension
    static final LocalFirestore firestore = LocalFirestore.perClass();

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final Random random = new Random(11);

    private static KeyRef gcpKey(String name) {
        return new KeyRef(Provider.GCP, "acme-prod", "global", "projects/acme-prod/locations/global/keyRings/r/cryptoKeys/"
                + name);
    }

    private static DocumentSnapshot raw(DocumentReference ref) throws ExecutionException, InterruptedException {
        return ref.get().get();
    }

    private Layout layout(FirestoreInventoryStore store) {
        return new Layout(firestore.firestore(), store.rootCollection());
    }

    private String noise(int chars) {
        StringBuilder b = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            b.append((char) ('!' + random.nextInt(90)));
        }
        return b.toString();
    }

    @Test
    void expiringDocumentsCarryExpireAtForTimeToLiveAndNothingUnderLegalHoldDoes() throws Exception {
        FirestoreInventoryStore store = firestore.newStore(clock);
        KeyRef k = gcpKey("k1");
        Instant expiry = Instant.parse("2033-01-15T09:00:00.123456789Z");
        var e = event("evt-1", T0, Action.CREATE, k);
        store.insertEvent(stored(ACME, e, Optional.of(expiry)));
        store.appendLedger(LedgerRecord.chain(ACME, 1, T0, LedgerEntryType.EVENT_ACCEPTED, Optional.of(k.id()), "{}",
                LedgerHash.GENESIS, Optional.of(expiry)));
        store.putAsset(ACME, asset(ACME, k, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                .retainedUntil(Optional.of(expiry)).build(), 0);
        Layout layout = layout(store);

        DocumentSnapshot eventDoc = raw(layout.event(ACME, e.dedupKey()));
        DocumentSnapshot ledgerDoc = raw(layout.ledgerRecord(ACME, 1));
        DocumentSnapshot keyDoc = raw(layout.key(ACME, k.id()));

        // rounded up to Firestore's microseconds, so that time to live never deletes before the exact expiry
        assertThat(eventDoc.getTimestamp(Fields.EXPIRE_AT)).isEqualTo(Timestamp.ofTimeSecondsAndNanos(
                expiry.getEpochSecond(), 123457000));
        assertThat(eventDoc.getString(Fields.EXPIRY)).isEqualTo("2033-01-15T09:00:00.123456789Z");
        assertThat(keyDoc.getTimestamp(Fields.EXPIRE_AT)).isEqualTo(eventDoc.getTimestamp(Fields.EXPIRE_AT));
        // the ledger's grace: the scheduled purge removes and attests a record before time to live would
        assertThat(ledgerDoc.getTimestamp(Fields.EXPIRE_AT).toSqlTimestamp().toInstant())
                .isAfterOrEqualTo(expiry.plus(Duration.ofDays(30)));

        store.putLegalHold(new LegalHold(ACME, Optional.empty(), "litigation", "admin", clock.instant()));
        store.restampExpiries(ACME, Optional.empty(), new ExpiryRules(RetentionPolicy.DEFAULT, store.legalHolds(ACME)));

        assertThat(raw(layout.event(ACME, e.dedupKey())).get(Fields.EXPIRE_AT)).isNull();
        assertThat(raw(layout.ledgerRecord(ACME, 1)).get(Fields.EXPIRE_AT)).isNull();
        assertThat(raw(layout.key(ACME, k.id())).get(Fields.EXPIRE_AT)).isNull();
        assertThat(raw(layout.key(ACME, k.id())).get(Fields.EXPIRY)).isNull();
    }

    @Test
    void anExpiredDocumentThatTimeToLiveHasNotDeletedYetIsInvisible() throws Exception {
        FirestoreInventoryStore store = firestore.newStore(clock);
        KeyRef k = gcpKey("k1");
        var e = event("evt-1", T0, Action.CREATE, k);
        store.insertEvent(stored(ACME, e, Optional.of(clock.instant().plusSeconds(60))));

        clock.advance(Duration.ofMinutes(2));

        assertThat(raw(layout(store).event(ACME, e.dedupKey())).exists()).isTrue();
        assertThat(store.eventsForKey(ACME, k.id())).isEmpty();
    }

    @Test
    void keyIdsWithSlashesAndReservedFormsGetDistinctDocuments() {
        assertThat(DocIds.of("gcp:projects/p/locations/l", "key id")).isEqualTo("gcp:projects%2Fp%2Flocations%2Fl");
        assertThat(DocIds.of("a%2Fb", "key id")).isNotEqualTo(DocIds.of("a/b", "key id"));
        assertThat(DocIds.of(".", "key id")).isEqualTo("%2E");
        assertThat(DocIds.of("__x__", "key id")).isEqualTo("%5F_x__");
        assertThatThrownBy(() -> DocIds.of("k".repeat(1501), "key id")).hasMessageContaining("key id")
                .hasMessageContaining("1500");
    }

    @Test
    void theSizeRuleAcceptsADocumentOfExactlyTheLimitAndTheEmulatorKeepsIt() throws Exception {
        DocumentReference ref = firestore.firestore().collection(LocalFirestore.newRoot()).document("at-the-limit");
        Map<String, Object> fields = new HashMap<>();
        fields.put("part", Blob.fromBytes(new byte[0]));
        long overhead = DocumentSize.bytes(ref, fields);
        byte[] bytes = new byte[(int) (DocumentSize.LIMIT - overhead)];
        random.nextBytes(bytes);
        fields.put("part", Blob.fromBytes(bytes));
        Map<String, Object> over = new HashMap<>(Map.of("part", Blob.fromBytes(new byte[bytes.length + 1])));

        assertThat(DocumentSize.bytes(ref, fields)).isEqualTo(DocumentSize.LIMIT);
        DocumentSize.check(ref, fields, "write the test document");
        assertThatThrownBy(() -> DocumentSize.check(ref, over, "write the test document"))
                .hasMessageContaining("write the test document").hasMessageContaining("1048577 bytes");
        ref.set(fields).get();
        assertThat(raw(ref).getBlob("part").toBytes()).isEqualTo(bytes);
    }

    @Test
    void aKeyRecordOverAMebibyteAsJsonIsKeptCompressedAndOneThatStaysOverIsRefusedNamingIt() {
        FirestoreInventoryStore store = firestore.newStore(clock);
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            tags.put("tag-" + i, "payments-team-owner-".repeat(20));
        }
        CryptoAsset big = asset(ACME, gcpKey("big"), LifecycleState.ACTIVE, Optional.empty()).toBuilder().tags(tags).build();
        Map<String, String> random = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            random.put("tag-" + i, noise(4000));
        }
        CryptoAsset noisy = asset(ACME, gcpKey("noisy"), LifecycleState.ACTIVE, Optional.empty()).toBuilder()
                .tags(random).build();

        store.putAsset(ACME, big, 0);

        assertThat(io.keyledger.core.json.Json.write(big).length()).isGreaterThan(DocumentSize.LIMIT);
        assertThat(store.asset(ACME, big.id()).orElseThrow().value()).isEqualTo(big);
        assertThatThrownBy(() -> store.putAsset(ACME, noisy, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key record " + noisy.id()).hasMessageContaining("document limit of 1048576");
        assertThat(store.asset(ACME, noisy.id())).isEmpty();
    }

    @Test
    void aSweepReportOverTheLimitEvenCompressedIsKeptInPartsAndItsReplacementTakesThemAway() throws Exception {
        FirestoreInventoryStore store = firestore.newStore(clock);
        List<SweptKey> lines = new ArrayList<>();
        for (int i = 0; i < 16_000; i++) {
            lines.add(new SweptKey("gcp:" + noise(100), KeyClass.CONFIRMED, false, List.of()));
        }
        SweepScope scope = new SweepScope(Provider.GCP, "acme-prod", "global");
        SweepReport big = new SweepReport("s1", ACME, scope, T0, T0.plusSeconds(60), Optional.empty(), lines, 0, 1, 0);
        SweepReport small = new SweepReport("s1", ACME, scope, T0, T0.plusSeconds(60), Optional.empty(),
                lines.subList(0, 3), 0, 1, 0);

        store.putSweepReport(big);
        int parts = firestore.firestore().collection(store.rootCollection()).document(ACME)
                .collection(Layout.SWEEP_REPORT_PARTS).get().get().size();

        assertThat(Fields.gzip(io.keyledger.core.json.Json.write(big).getBytes(java.nio.charset.StandardCharsets.UTF_8)).length)
                .isGreaterThan(DocumentSize.LIMIT);
        assertThat(parts).isGreaterThan(1);
        assertThat(store.sweepReports(ACME, PageRequest.first(10)).items()).containsExactly(big);

        store.putSweepReport(small);

        assertThat(store.sweepReports(ACME, PageRequest.first(10)).items()).containsExactly(small);
        assertThat(firestore.firestore().collection(store.rootCollection()).document(ACME)
                .collection(Layout.SWEEP_REPORT_PARTS).get().get().size()).isZero();
    }

    @Test
    void theDocumentsWithExpireAtAreThoseOfTheCollectionGroupsTheDeploymentGivesATimeToLivePolicy() throws Exception {
        FirestoreInventoryStore store = firestore.newStore(clock);
        KeyRef destroyed = gcpKey("destroyed");
        KeyRef live = gcpKey("live");
        Optional<Instant> expiry = Optional.of(Instant.parse("2033-01-15T09:00:00Z"));
        store.insertEvent(stored(ACME, event("evt-1", T0, Action.CREATE, destroyed), expiry));
        store.appendLedger(LedgerRecord.chain(ACME, 1, T0, LedgerEntryType.EVENT_ACCEPTED, Optional.of(destroyed.id()),
                "{}", LedgerHash.GENESIS, expiry));
        store.putAsset(ACME, asset(ACME, destroyed, LifecycleState.DESTROYED, Optional.empty()).toBuilder()
                .retainedUntil(expiry).build(), 0);
        store.putAsset(ACME, asset(ACME, live, LifecycleState.ACTIVE, Optional.empty()), 0);
        store.mergeUsage(ACME, live.id(), io.keyledger.core.key.UsageContext.NONE.withService("compute.googleapis.com", false));
        store.insertAlert(io.keyledger.core.alert.Alert.open(ACME, io.keyledger.core.alert.Rule.UNAUTHORISED_CHANGE,
                Optional.of(live.id()), List.of("gcp:evt-1"), "change by someone", "c1", T0));
        store.acknowledgeAlert(ACME, store.alerts(ACME, Optional.empty(), PageRequest.first(1)).items().get(0).id(),
                "local:ann", T0);
        store.putSweepReport(new SweepReport("s1", ACME, new SweepScope(Provider.GCP, "acme-prod", "global"), T0,
                T0.plusSeconds(60), Optional.empty(), List.of(new SweptKey(live.id(), KeyClass.CONFIRMED, false, List.of())),
                0, 1, 0));
        store.putRetentionPolicy(ACME, RetentionPolicy.DEFAULT);
        store.putLegalHold(new LegalHold(ACME, Optional.of("gcp:held"), "litigation", "admin", clock.instant()));
        List<String> collections = List.of(Layout.KEYS, Layout.KEY_REVISIONS, Layout.USAGE, Layout.USAGE_REVISIONS,
                Layout.EVENTS, Layout.LEDGER, Layout.LEDGER_HEADS, Layout.ALERTS, Layout.ACKNOWLEDGEMENTS,
                Layout.SWEEP_REPORTS, Layout.SWEEP_REPORT_PARTS, Layout.SETTINGS, Layout.LEGAL_HOLDS);

        Map<String, Integer> written = new HashMap<>();
        Map<String, Integer> expiring = new HashMap<>();
        for (String collection : collections) {
            for (DocumentSnapshot doc : firestore.firestore().collection(store.rootCollection()).document(ACME)
                    .collection(collection).get().get().getDocuments()) {
                written.merge(collection, 1, Integer::sum);
                if (doc.get(FirestoreRequirements.TTL_FIELD) instanceof Timestamp) {
                    expiring.merge(collection, 1, Integer::sum);
                }
            }
        }

        assertThat(written).containsKeys(Layout.KEYS, Layout.KEY_REVISIONS, Layout.USAGE, Layout.EVENTS, Layout.LEDGER,
                Layout.ALERTS, Layout.ACKNOWLEDGEMENTS, Layout.SWEEP_REPORTS, Layout.SETTINGS, Layout.LEGAL_HOLDS);
        assertThat(expiring.keySet()).as("every collection group a document with expireAt is in has its TTL policy")
                .containsExactlyInAnyOrderElementsOf(FirestoreRequirements.TTL_COLLECTION_GROUPS);
    }
}
