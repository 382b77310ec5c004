package io.keyledger.aws.dynamodb;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.Rule;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.testkit.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the items look like in the table: tenant-prefixed keys, time-to-live attributes, bodies and their limits. */
class ItemLayoutTest {

    private static final String ACME = "acme";
    @RegisterExtension
    static final LocalDynamo dynamo = LocalDynamo.perClass();

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final String table = dynamo.newTable();
    private final DynamoDbInventoryStore store = DynamoDbInventoryStore.create(dynamo.client(), table, clock);

    private List<Map<String, AttributeValue>> allItems() {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        dynamo.client().scanPaginator(b -> b.tableName(table)).items().forEach(out::add);
        return out;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.get(name).s();
    }

    @Test
    void everyPartitionKeyStartsWithTheTenantAndExpiringItemsCarryTheirTimeToLive() {
        KeyRef k = awsKey("k1");
        Instant eventExpiry = Instant.parse("2033-01-15T09:00:00.250Z");
        store.insertEvent(stored(ACME, event("e1", T0, Action.CREATE, k), Optional.of(eventExpiry)));
        store.insertEvent(stored(ACME, event("e2", T0.plusSeconds(5), Action.TAG, k), Optional.empty()));
        Instant ledgerExpiry = Instant.parse("2033-03-01T00:00:00Z");
        store.appendLedger(LedgerRecord.chain(ACME, 1, clock.instant(), LedgerEntryType.EVENT_ACCEPTED, Optional.of(k.id()),
                "{}", LedgerHash.GENESIS, Optional.of(ledgerExpiry)));
        Instant retained = Instant.parse("2033-02-01T00:00:00Z");
        store.putAsset(ACME, asset(ACME, k, LifecycleState.DESTROYED, Optional.of("payments")).toBuilder()
                .retainedUntil(Optional.of(retained)).build(), 0);
        store.insertAlert(Alert.open(ACME, Rule.UNAUTHORISED_CHANGE, Optional.of(k.id()), List.of(), "m", "c", T0));
        store.putLegalHold(new LegalHold(ACME, Optional.of("aws:other"), "investigation", "admin", T0));

        List<Map<String, AttributeValue>> items = allItems();

        assertThat(items).isNotEmpty().allSatisfy(i -> assertThat(text(i, "pk")).startsWith("T#acme#"));
        Map<String, List<Long>> ttlByType = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            if (item.containsKey("expiry")) {
                BigDecimal exact = new BigDecimal(item.get("expiry").n());
                long ttl = Long.parseLong(item.get("expiresAt").n());
                assertThat(BigDecimal.valueOf(ttl)).as("never deleted before it expires").isGreaterThanOrEqualTo(exact);
                ttlByType.computeIfAbsent(text(item, "type"), t -> new ArrayList<>()).add(ttl);
            } else {
                assertThat(item).doesNotContainKey("expiresAt");
            }
        }
        long eventTtl = eventExpiry.getEpochSecond() + 1;
        assertThat(ttlByType.get("EVENT")).containsExactly(eventTtl, eventTtl);
        assertThat(ttlByType.get("EVENT_MARKER")).containsExactly(eventTtl);
        assertThat(ttlByType.get("KEY_RECORD")).containsExactly(retained.getEpochSecond());
        assertThat(ttlByType.get("LEDGER_RECORD")).as("a grace period for the scheduled purge to attest it first")
                .containsExactly(ledgerExpiry.plus(Duration.ofDays(30)).getEpochSecond());
        assertThat(items).filteredOn(i -> text(i, "type").equals("EVENT")).hasSize(4);
        assertThat(items).filteredOn(i -> text(i, "type").equals("KEY_RECORD")).singleElement().satisfies(i -> {
            assertThat(text(i, "gsi1pk")).isEqualTo("T#acme#STATE#DESTROYED");
            assertThat(text(i, "gsi2pk")).isEqualTo("T#acme#PROVIDER#aws");
            assertThat(text(i, "gsi3pk")).isEqualTo("T#acme#OWNER#payments");
            assertThat(text(i, "gsi1sk")).isEqualTo(k.id());
        });
    }

    @Test
    void aLargeKeyRecordIsKeptCompressedAndReadBackEqual() {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            tags.put("cost-centre-" + i, "team-" + (i % 17) + "-project-" + i);
        }
        CryptoAsset big = asset(ACME, awsKey("big"), LifecycleState.ACTIVE, Optional.empty()).toBuilder().tags(tags).build();

        store.putAsset(ACME, big, 0);

        assertThat(store.asset(ACME, big.id()).orElseThrow().value()).isEqualTo(big);
        assertThat(allItems()).filteredOn(i -> text(i, "type").equals("KEY_RECORD")).singleElement()
                .satisfies(i -> assertThat(i).containsKey("bodyGz").doesNotContainKey("body"));
    }

    @Test
    void aRecordTooLargeForAnItemIsRefusedNamingIt() {
        SplittableRandom random = new SplittableRandom(1);
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            byte[] noise = new byte[768];
            random.nextBytes(noise);
            tags.put("t" + i, Base64.getEncoder().encodeToString(noise));
        }
        CryptoAsset huge = asset(ACME, awsKey("huge"), LifecycleState.ACTIVE, Optional.empty()).toBuilder().tags(tags).build();

        assertThatThrownBy(() -> store.putAsset(ACME, huge, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot write the key record " + huge.id())
                .hasMessageContaining("over DynamoDB's item limit");
        assertThat(store.asset(ACME, huge.id())).isEmpty();
    }

    private static SweepReport sweepOf(int keyCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SweptKey> keys = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            keys.add(new SweptKey("aws:arn:aws:kms:us-east-1:111122223333:key/" + uuid,
                    i % 50 == 0 ? KeyClass.DRIFTED : KeyClass.CONFIRMED, false,
                    i % 50 == 0 ? List.of("state ACTIVE -> SUSPENDED") : List.of()));
        }
        return new SweepReport("s1", ACME, new SweepScope(Provider.AWS, "111122223333", "us-east-1"), T0,
                T0.plusSeconds(90), Optional.empty(), keys, keyCount / 50, keyCount + 200, keyCount - 200);
    }

    @Test
    void aSweepReportOfTenThousandKeysFitsInOneItem() {
        SweepReport report = sweepOf(10_000, 3);

        store.putSweepReport(report);

        assertThat(store.sweepReports(ACME, PageRequest.first(1)).items()).containsExactly(report);
        long size = ItemSize.bytes(allItems().stream().filter(i -> text(i, "type").equals("SWEEP_REPORT"))
                .findFirst().orElseThrow());
        System.out.printf("a sweep report of 10,000 keys is a %d-byte item: about %d keys fit in one%n", size,
                10_000L * ItemSize.LIMIT / size);
        assertThat(size).isLessThan(ItemSize.LIMIT);
    }

    @Test
    void aSweepReportTooLargeForOneItemIsKeptInPartsAndReplacedWhole() {
        SweepReport large = sweepOf(60_000, 4);
        store.putSweepReport(large);

        assertThat(store.sweepReports(ACME, PageRequest.first(5)).items()).containsExactly(large);
        assertThat(allItems()).filteredOn(i -> text(i, "type").equals("SWEEP_REPORT_PART")).hasSizeGreaterThan(1);

        SweepReport rerun = sweepOf(50_000, 5);
        store.putSweepReport(rerun);

        assertThat(store.sweepReports(ACME, PageRequest.first(5)).items()).containsExactly(rerun);
        List<Map<String, AttributeValue>> parts = allItems().stream()
                .filter(i -> text(i, "type").equals("SWEEP_REPORT_PART")).toList();
        assertThat(parts).extracting(i -> text(i, "pk")).as("one generation left").hasSizeGreaterThan(1)
                .allSatisfy(pk -> assertThat(pk).startsWith("T#acme#SWEEP#")).containsOnly(text(parts.get(0), "pk"));
    }
}
