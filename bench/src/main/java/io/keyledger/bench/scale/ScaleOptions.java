package io.keyledger.bench.scale;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The harness's settings. The defaults sweep 100,000 keys in 10 scopes under AWS KMS's quotas and
 * finish well within a minute on two cores with the in-memory store.
 *
 * @param keys          keys at the provider, spread evenly over the scopes
 * @param scopes        sweep scopes (account and region), each with quotas of its own
 * @param parallelism   scopes swept at once
 * @param pageSize      keys per listing page (AWS ListKeys returns at most 1000)
 * @param listQuota     list calls per second each scope's provider allows
 * @param describeQuota describe calls per second each scope's provider allows
 * @param quotaShare    the share of each quota the sweep paces itself to, in (0, 1]
 * @param removeShare   the share of each scope's keys deleted before the third pass, in [0, 1)
 * @param store         where the inventory is kept
 * @param db            the SQLite file to create (a temporary one when absent)
 * @param json          where to write the figures as JSON, if anywhere
 * @param seed          the seed of the generated keys, the removals and the backoff jitter
 */
record ScaleOptions(int keys, int scopes, int parallelism, int pageSize, int listQuota, int describeQuota,
                    double quotaShare, double removeShare, StoreKind store, Optional<Path> db, Optional<Path> json,
                    long seed) {

    enum StoreKind { MEMORY, SQLITE }

    private static final Set<String> NAMES = Set.of("--keys", "--scopes", "--parallelism", "--page-size",
            "--list-quota", "--describe-quota", "--share", "--remove", "--store", "--db", "--json", "--seed");

    static final String USAGE = String.join("\n",
            "usage: java -cp bench/target/benchmarks.jar io.keyledger.bench.scale.SweepScaleHarness [options]",
            "  --keys N             keys at the provider (100000)",
            "  --scopes N           sweep scopes, each an account and region with its own quotas (10)",
            "  --parallelism N      scopes swept at once (2)",
            "  --page-size N        keys per listing page (1000, AWS ListKeys' maximum)",
            "  --list-quota N       list calls/s each scope's provider allows (500, AWS ListKeys)",
            "  --describe-quota N   describe calls/s each scope's provider allows (2000, AWS DescribeKey)",
            "  --share X            share of each quota the sweep paces itself to, in (0, 1] (0.5)",
            "  --remove X           share of the keys deleted before the third pass, in [0, 1) (0.01)",
            "  --store memory|sqlite  the inventory store (memory)",
            "  --db PATH            the SQLite file to create; must not exist (a temporary file)",
            "  --json FILE          also write the figures as JSON",
            "  --seed N             seed of the keys, removals and jitter (20260101)");

    ScaleOptions {
        require(keys >= scopes, "--keys must be at least --scopes");
        require(scopes >= 1, "--scopes must be at least 1");
        require(parallelism >= 1, "--parallelism must be at least 1");
        require(pageSize >= 1, "--page-size must be at least 1");
        require(listQuota >= 1 && describeQuota >= 1, "quotas must be at least 1 call a second");
        require(quotaShare > 0 && quotaShare <= 1, "--share must be in (0, 1]");
        require(removeShare >= 0 && removeShare < 1, "--remove must be in [0, 1)");
        require(db.isEmpty() || store == StoreKind.SQLITE, "--db needs --store sqlite");
    }

    static ScaleOptions defaults() {
        return new ScaleOptions(100_000, 10, 2, 1000, 500, 2000, 0.5, 0.01, StoreKind.MEMORY, Optional.empty(),
                Optional.empty(), 20_260_101L);
    }

    /** The defaults, overridden by {@code --name value} pairs. */
    static ScaleOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            require(NAMES.contains(args[i]), "unknown option " + args[i]);
            require(i + 1 < args.length, args[i] + " needs a value");
            given.put(args[i], args[i + 1]);
        }
        ScaleOptions d = defaults();
        return new ScaleOptions(
                number(given, "--keys", d.keys()),
                number(given, "--scopes", d.scopes()),
                number(given, "--parallelism", d.parallelism()),
                number(given, "--page-size", d.pageSize()),
                number(given, "--list-quota", d.listQuota()),
                number(given, "--describe-quota", d.describeQuota()),
                share(given, "--share", d.quotaShare()),
                share(given, "--remove", d.removeShare()),
                Optional.ofNullable(given.get("--store")).map(ScaleOptions::storeKind).orElse(d.store()),
                Optional.ofNullable(given.get("--db")).map(Path::of),
                Optional.ofNullable(given.get("--json")).map(Path::of),
                given.containsKey("--seed") ? Long.parseLong(given.get("--seed")) : d.seed());
    }

    private static int number(Map<String, String> given, String name, int otherwise) {
        try {
            return given.containsKey(name) ? Integer.parseInt(given.get(name).replace("_", "")) : otherwise;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a whole number: " + given.get(name), e);
        }
    }

    private static double share(Map<String, String> given, String name, double otherwise) {
        try {
            return given.containsKey(name) ? Double.parseDouble(given.get(name)) : otherwise;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + given.get(name), e);
        }
    }

    private static StoreKind storeKind(String value) {
        try {
            return StoreKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--store: memory or sqlite, not " + value, e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
