package io.keyledger.local.sqlite;

import static io.keyledger.local.sqlite.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyDates;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Provider;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.Versioned;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of calls give the same answers from the SQLite store as from the reference
 * {@link InMemoryInventoryStore}, on the same clock: results, exceptions, pages and cursors.
 */
class SqliteMatchesInMemoryTest {

    private static final List<String> TENANTS = List.of("t1", "t2");
    private static final List<KeyRef> KEYS = List.of(TestRecords.ref("a"), TestRecords.ref("b"),
            TestRecords.ref(Provider.GCP, "a"), TestRecords.ref(Provider.AZURE, "k-é"), TestRecords.ref("z"));
    private static final List<Optional<String>> OWNERS = List.of(Optional.empty(), Optional.of("alice"),
            Optional.of("bob"));

    /** One call, described for failure messages, to make on each store. */
    private record Call(String description, Function<InventoryStore, Object> call) {
        @Override
        public String toString() {
            return description;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void randomCallsGiveTheSameAnswers(long seed) {
        MutableClock clock = new MutableClock(T0);
        Random random = new Random(seed);
        try (InventoryStore expected = new InMemoryInventoryStore(clock);
             SqliteInventoryStore actual = SqliteInventoryStore.open(dir.resolve("keyledger.db"), clock)) {
            for (int step = 0; step < 400; step++) {
                if (random.nextInt(10) == 0) {
                    // Any time, backwards too: a store must not depend on the clock only moving on.
                    clock.set(someInstant(random));
                }
                Call call = randomCall(random, clock);
                Object want = outcome(call, expected);
                Object got = outcome(call, actual);
                assertThat(got).as("seed %d, step %d: %s", seed, step, call).isEqualTo(want);
                // The reference keeps a tenant once touched; SQLite lists the tenants that still have rows.
                assertThat(expected.tenants()).as("seed %d, step %d: tenants", seed, step)
                        .containsAll(actual.tenants());
            }
        }
    }

    private static Object outcome(Call call, InventoryStore store) {
        try {
            return call.call().apply(store);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    private static Call randomCall(Random random, MutableClock clock) {
        String tenant = pick(random, TENANTS);
        KeyRef key = pick(random, KEYS);
        return switch (random.nextInt(15)) {
            case 0, 1 -> putAsset(random, tenant, key);
            case 2 -> new Call("asset " + tenant + " " + key.id(), s -> s.asset(tenant, key.id()));
            case 3 -> listAssets(random, tenant);
            case 4, 5 -> insertEvent(random, tenant, key);
            case 6 -> new Call("events " + tenant + " " + key.id(), s -> s.eventsForKey(tenant, key.id()));
            case 7, 8 -> appendLedger(random, tenant, key);
            case 9 -> readLedger(random, tenant, key);
            case 10 -> {
                RetentionPolicy policy = new RetentionPolicy(Period.ofDays(1 + random.nextInt(20)),
                        Period.ofDays(1 + random.nextInt(20)), Period.ofDays(1 + random.nextInt(20)));
                yield new Call("put policy " + tenant + " " + policy, s -> {
                    s.putRetentionPolicy(tenant, policy);
                    return s.retentionPolicy(tenant);
                });
            }
            case 11 -> {
                Optional<String> scope = random.nextBoolean() ? Optional.empty() : Optional.of(key.id());
                LegalHold hold = new LegalHold(tenant, scope, "case " + random.nextInt(3), "admin", clock.instant());
                yield random.nextBoolean()
                        ? new Call("hold " + hold, s -> {
                            s.putLegalHold(hold);
                            return new HashSet<>(s.legalHolds(tenant));
                        })
                        : new Call("lift " + tenant + " " + scope, s -> s.removeLegalHold(tenant, scope));
            }
            case 12 -> {
                Optional<String> only = random.nextBoolean() ? Optional.empty() : Optional.of(key.id());
                yield new Call("restamp " + tenant + " " + only, s -> {
                    s.restampExpiries(tenant, only, new ExpiryRules(s.retentionPolicy(tenant), s.legalHolds(tenant)));
                    return null;
                });
            }
            case 13 -> new Call("purge " + tenant, s -> s.purgeExpired(tenant, clock.instant(),
                    new ExpiryRules(s.retentionPolicy(tenant), s.legalHolds(tenant))));
            default -> new Call("head " + tenant, s -> s.ledgerHead(tenant));
        };
    }

    private static Call putAsset(Random random, String tenant, KeyRef key) {
        LifecycleState state = pick(random, List.of(LifecycleState.values()));
        // Any state may carry an expiry here, so that writes often meet expired records.
        CryptoAsset.Builder b = TestRecords.asset(tenant, key).toBuilder().state(state).owner(pick(random, OWNERS))
                .retainedUntil(maybeInstant(random));
        if (state.isDestroyed()) {
            b.dates(KeyDates.NONE.withDestroyedAt(Optional.of(someInstant(random))));
        }
        CryptoAsset asset = b.build();
        int choice = random.nextInt(4);
        return new Call("put " + asset.id() + " in " + tenant + " " + state + " expecting " + (choice == 0 ? "current" : choice - 1),
                s -> s.putAsset(tenant, asset,
                        choice == 0 ? s.asset(tenant, asset.id()).map(Versioned::revision).orElse(0L) : choice - 1));
    }

    private static Call listAssets(Random random, String tenant) {
        AssetQuery query = AssetQuery.ALL;
        if (random.nextBoolean()) {
            query = query.withProvider(pick(random, List.of(Provider.values())));
        }
        if (random.nextBoolean()) {
            query = query.withState(pick(random, List.of(LifecycleState.values())));
        }
        if (random.nextBoolean()) {
            query = query.withOwner(random.nextBoolean() ? "alice" : "bob");
        }
        AssetQuery q = query;
        int limit = 1 + random.nextInt(3);
        return new Call("assets " + tenant + " " + q + " by " + limit, s -> {
            List<Page<CryptoAsset>> pages = new ArrayList<>();
            PageRequest request = PageRequest.first(limit);
            while (true) {
                Page<CryptoAsset> page = s.assets(tenant, q, request);
                pages.add(page);
                if (page.nextCursor().isEmpty()) {
                    return pages;
                }
                request = request.next(page.nextCursor().get());
            }
        });
    }

    private static Call insertEvent(Random random, String tenant, KeyRef key) {
        Instant eventTime = T0.plusSeconds(random.nextInt(5)).plusNanos(random.nextInt(3));
        var stored = TestRecords.stored(tenant, TestRecords.event(key, "e" + random.nextInt(12), eventTime),
                maybeInstant(random));
        return new Call("insert " + stored, s -> s.insertEvent(stored));
    }

    private static Call appendLedger(Random random, String tenant, KeyRef key) {
        Optional<String> keyId = random.nextBoolean() ? Optional.empty() : Optional.of(key.id());
        Optional<Instant> expiry = maybeInstant(random);
        int skew = random.nextInt(8) == 0 ? random.nextInt(3) - 1 : 0;
        return new Call("append " + tenant + " " + keyId + " skew " + skew, s -> {
            LedgerHead head = s.ledgerHead(tenant);
            LedgerHead at = new LedgerHead(Math.max(0, head.sequence() + skew), head.hash());
            LedgerRecord r = TestRecords.ledgerRecord(tenant, at, T0.plusNanos(at.sequence()), keyId, expiry);
            s.appendLedger(r);
            return s.ledgerHead(tenant);
        });
    }

    private static Call readLedger(Random random, String tenant, KeyRef key) {
        long from = random.nextInt(6);
        Optional<String> keyId = random.nextBoolean() ? Optional.empty() : Optional.of(key.id());
        boolean includeExpired = random.nextBoolean();
        int limit = 1 + random.nextInt(4);
        return new Call("ledger " + tenant + " from " + from + " " + keyId + " expired " + includeExpired, s -> {
            List<Page<LedgerRecord>> pages = new ArrayList<>();
            PageRequest request = PageRequest.first(limit);
            while (true) {
                Page<LedgerRecord> page = s.ledger(tenant, from, keyId, includeExpired, request);
                pages.add(page);
                if (page.nextCursor().isEmpty()) {
                    return pages;
                }
                request = request.next(page.nextCursor().get());
            }
        });
    }

    /** Whole days, or a nanosecond after: expiries often fall exactly on the clock's time, or just miss it. */
    private static Instant someInstant(Random random) {
        return T0.plus(Duration.ofDays(random.nextInt(20))).plusNanos(random.nextBoolean() ? 0 : 1);
    }

    private static Optional<Instant> maybeInstant(Random random) {
        return random.nextInt(3) == 0 ? Optional.empty() : Optional.of(someInstant(random));
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
