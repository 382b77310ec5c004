package io.keyledger.azure.tables;

import static io.keyledger.testkit.Fixtures.asset;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.models.TableEntity;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHash;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.SweptKey;
import io.keyledger.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Tables store writes: time to live in each retention mode, and records at Azure Tables' size limits. */
class TablesLayoutTest {

    @RegisterExtension
    static final LocalTables tables = LocalTables.perClass();
    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

    private TablesInventoryStore store(InventoryTables names, TablesRetention retention) {
        return TablesInventoryStore.builder(tables.client(), names).clock(clock).retention(retention).build();
    }

    private List<TableEntity> entities(InventoryTables names) {
        List<TableEntity> out = new ArrayList<>();
        tables.client().getTableClient(names.inventory()).listEntities().forEach(out::add);
        return out;
    }

    @Test
    void cosmosTimeToLiveIsWrittenOnExpiringRecordsOnlyAndNeverUnderHold() {
        InventoryTables names = tables.newTables();
        TablesInventoryStore store = store(names, TablesRetention.COSMOS_TTL);
        Instant inTenDays = clock.instant().plus(Duration.ofDays(10)).plusMillis(1);
        store.insertEvent(stored("acme", event("expiring", clock.instant(), Action.CREATE, awsKey("a")), Optional.of(inTenDays)));
        store.insertEvent(stored("acme", event("held", clock.instant(), Action.CREATE, awsKey("b")), Optional.empty()));
        store.appendLedger(LedgerRecord.chain("acme", 1, clock.instant(), LedgerEntryType.EVENT_ACCEPTED, Optional.empty(),
                "{}", LedgerHash.GENESIS, Optional.of(inTenDays)));

        List<TableEntity> all = entities(names);
        // an event's three entities, each with its time to live rounded up: ten days and one second
        assertThat(all).filteredOn(e -> "expiring".equals(dedupOf(e)))
                .hasSize(3).allSatisfy(e -> assertThat(e.getProperty("ttl")).isEqualTo(864_001));
        assertThat(all).filteredOn(e -> "held".equals(dedupOf(e)))
                .hasSize(3).allSatisfy(e -> assertThat(e.getProperties()).doesNotContainKeys("ttl", "expiry"));
        // a ledger record lives thirty days past its expiry, for the purge to attest it first
        assertThat(all).filteredOn(e -> "LEDGER_RECORD".equals(e.getProperty("type"))).singleElement()
                .satisfies(e -> assertThat(e.getProperty("ttl")).isEqualTo(864_001 + 30 * 86_400));
    }

    @Test
    void storageTablesCarryNoTimeToLiveAndThePurgeRemovesWhatExpired() {
        InventoryTables names = tables.newTables();
        TablesInventoryStore store = store(names, TablesRetention.STORAGE_PURGE);
        store.insertEvent(stored("acme", event("expiring", clock.instant(), Action.CREATE, awsKey("a")),
                Optional.of(clock.instant().plus(Duration.ofDays(1)))));
        store.insertEvent(stored("acme", event("held", clock.instant(), Action.CREATE, awsKey("b")), Optional.empty()));
        assertThat(entities(names)).allSatisfy(e -> assertThat(e.getProperties()).doesNotContainKey("ttl"));

        clock.advance(Duration.ofDays(2));
        ExpiryRules oneDay = new ExpiryRules(new RetentionPolicy(Period.ofDays(1), Period.ofDays(1), Period.ofDays(1)),
                List.of());
        assertThat(store.purgeExpired("acme", clock.instant(), oneDay).events()).isEqualTo(1);

        assertThat(entities(names)).filteredOn(e -> dedupOf(e) != null).extracting(TablesLayoutTest::dedupOf)
                .containsOnly("held").hasSize(3);
    }

    private static String dedupOf(TableEntity e) {
        Object d = e.getProperty("dedupKey");
        return d == null ? null : d.toString().substring(d.toString().indexOf(':') + 1);
    }

    @Test
    void aRecordWhoseCompressedBodyOutgrowsOneProperty() {
        TablesInventoryStore store = store(tables.newTables(), TablesRetention.STORAGE_PURGE);
        // random tags do not compress: about 200 KB of them make a body of four 64 KiB pieces
        Map<String, String> tags = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 400; i++) {
            byte[] value = new byte[384];
            random.nextBytes(value);
            tags.put("t" + i, java.util.Base64.getEncoder().encodeToString(value));
        }
        CryptoAsset big = asset("acme", awsKey("big"), LifecycleState.ACTIVE, Optional.empty()).toBuilder().tags(tags).build();

        store.putAsset("acme", big, 0);

        assertThat(store.asset("acme", big.id()).orElseThrow().value()).isEqualTo(big);
    }

    @Test
    void aRecordOverTheEntityLimitIsRefusedByName() {
        TablesInventoryStore store = store(tables.newTables(), TablesRetention.STORAGE_PURGE);
        Map<String, String> tags = new HashMap<>();
        Random random = new Random(5);
        for (int i = 0; i < 3000; i++) {
            byte[] value = new byte[512];
            random.nextBytes(value);
            tags.put("t" + i, java.util.Base64.getEncoder().encodeToString(value));
        }
        CryptoAsset huge = asset("acme", awsKey("huge"), LifecycleState.ACTIVE, Optional.empty()).toBuilder().tags(tags).build();

        assertThatThrownBy(() -> store.putAsset("acme", huge, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot write the key record " + huge.id())
                .hasMessageContaining("over Azure Tables' entity limit of 1048576 bytes");
        assertThat(store.asset("acme", huge.id())).isEmpty();
    }

    @Test
    void aSweepReportTooLargeForOneEntityIsKeptInPartsAndReplacedWhole() {
        TablesInventoryStore store = store(tables.newTables(), TablesRetention.STORAGE_PURGE);
        SweepScope scope = new SweepScope(Provider.AZURE, "sub", "vault");
        List<SweptKey> keys = new ArrayList<>();
        Random random = new Random(9);
        for (int i = 0; i < 30_000; i++) {
            keys.add(new SweptKey("azure:https://vault.vault.azure.net/keys/k" + Long.toHexString(random.nextLong()),
                    KeyClass.CONFIRMED, false, List.of()));
        }
        SweepReport report = new SweepReport("s1", "acme", scope, clock.instant(), clock.instant(), Optional.empty(), keys,
                0, 1, 0);

        store.putSweepReport(report);
        store.putSweepReport(report);

        assertThat(store.sweepReports("acme", PageRequest.first(5)).items()).containsExactly(report);
    }

    @Test
    void keyIdsEncodeIntoKeysThatSortAsTheIdsDo() {
        List<String> ids = new ArrayList<>(List.of("projects/p/locations/l/keyRings/r/cryptoKeys/k",
                "projects/p-x/locations/l/keyRings/r/cryptoKeys/k", "arn:aws:kms:us-east-1:1:key/a",
                "arn:aws:kms:us-east-1:1:key-a", "https://v.vault.azure.net/keys/a#b?c\\d%e~f", "zé", "z~", "z}", "z\u00a0",
                "a/", "a.", "a-", "a", "a.~~", "a~000041"));
        Random random = new Random(1);
        String alphabet = "#%/?\\~}.-az09é\u4e2d";
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(8) + 1; n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ids.add(s.toString());
        }
        for (String a : ids) {
            assertThat(KeyText.decode(KeyText.encode(a))).isEqualTo(a);
            assertThat(KeyText.encode(a)).doesNotContain("/", "\\", "#", "?");
        }
        List<String> byId = ids.stream().sorted().toList();
        List<String> byKey = ids.stream().sorted((x, y) -> KeyText.encode(x).compareTo(KeyText.encode(y))).toList();
        assertThat(byKey).isEqualTo(byId);
    }

    @Test
    void anIdWithEveryForbiddenCharacterRoundTripsThroughTheService() {
        TablesInventoryStore store = store(tables.newTables(), TablesRetention.STORAGE_PURGE);
        KeyRef odd = new KeyRef(Provider.AZURE, "sub", "vault", "https://vault.vault.azure.net/keys/a#b?c\\d%e~f'g");
        CryptoAsset a = asset("acme", odd, LifecycleState.ACTIVE, Optional.empty());

        store.putAsset("acme", a, 0);
        store.insertEvent(stored("acme", event("id/with#odd?chars'", clock.instant(), Action.CREATE, odd), Optional.empty()));

        assertThat(store.asset("acme", a.id()).orElseThrow().value()).isEqualTo(a);
        assertThat(store.eventsForKey("acme", a.id())).hasSize(1);
        assertThat(store.assets("acme", io.keyledger.core.store.AssetQuery.ALL.withText("e~f'g"), PageRequest.first(5))
                .items()).containsExactly(a);
    }

    @Test
    void theStoreIsBuiltFromTheFunctionAppsSettings() {
        TablesSettings settings = TablesSettings.fromEnvironment(Map.of("AzureWebJobsStorage",
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
                        + io.keyledger.testkit.azure.Azurite.ACCOUNT_KEY + ";TableEndpoint=http://127.0.0.1:" + tables.port()
                        + "/devstoreaccount1;", TablesSettings.ENV_TABLE, "fromsettings",
                TablesSettings.ENV_RETENTION, "cosmos-ttl"));
        var client = settings.client(Optional.empty(), new TablesRequestCounter());
        TablesInventoryStore store = settings.store(client, clock);
        settings.tables().ensure(client);

        store.putAsset("acme", asset("acme", awsKey("k"), LifecycleState.ACTIVE, Optional.empty()), 0);

        assertThat(store.retention()).isEqualTo(TablesRetention.COSMOS_TTL);
        assertThat(store.tables()).isEqualTo(InventoryTables.named("fromsettings"));
        assertThat(store.tenants()).containsExactly("acme");
        assertThatThrownBy(() -> TablesSettings.fromEnvironment(Map.of(TablesSettings.ENV_TABLE, "x")))
                .hasMessageStartingWith("KEYLEDGER_TABLE: field 'inventory'");
        assertThatThrownBy(() -> TablesSettings.fromEnvironment(Map.of()))
                .hasMessageContaining("KEYLEDGER_TABLES_CONNECTION");
    }
}
