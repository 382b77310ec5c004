package io.keyledger.bench.jq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The options of {@link IngestVersusJq}: {@code --name value} pairs and a few flags. */
record HarnessOptions(long records, int keys, int perFile, double duplicates, List<CloudTrailCorpus.Order> orders,
                      long seed, List<Path> jars, List<String> javaOptions, boolean jq, Path work, boolean keep,
                      Optional<Path> json, boolean corpusOnly, boolean help) {

    /**
     * The JVM options the README's {@code keyledger} alias runs the CLI with: a heap bounded whatever the corpus, the
     * parallel collector (collections run on both cores: about 10 % faster than the serial one) and the client
     * compiler only (a fraction of the CPU the server compiler spends compiling, and a smaller code cache).
     * Measured as users run it unless {@code --java-options} says else.
     */
    static final List<String> CLI_JAVA_OPTIONS = List.of("-Xmx128m", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");

    static final String USAGE = String.join("\n",
            "usage: IngestVersusJq [options]",
            "  --records N          records in each corpus, duplicates included (1000000)",
            "  --keys N             KMS keys (records / 100)",
            "  --per-file N         mean records per gzip log file (1000)",
            "  --duplicates X       share of records delivered twice (0.01)",
            "  --order O            shuffled, chronological or both (both)",
            "  --seed N             seed of the corpus (20260301)",
            "  --jar PATH           the keyledger jar to run; repeat it to compare jars (local/target/keyledger.jar)",
            "  --java-options S     JVM options for keyledger, space-separated (" + String.join(" ", CLI_JAVA_OPTIONS)
                    + ": the README's keyledger alias; \"\" for the JVM's defaults)",
            "  --no-jq              run KeyLedger only (no jq needed)",
            "  --work DIR           where corpora and databases go (the temporary directory)",
            "  --keep               keep the corpora and outputs",
            "  --corpus-only        only write the corpora (kept), for running ingest by hand",
            "  --json FILE          also write the figures as JSON");

    HarnessOptions {
        jars = List.copyOf(jars);
        javaOptions = List.copyOf(javaOptions);
        orders = List.copyOf(orders);
    }

    static HarnessOptions parse(String... args) {
        long records = 1_000_000;
        Integer keys = null;
        int perFile = 1000;
        double duplicates = 0.01;
        List<CloudTrailCorpus.Order> orders = List.of(CloudTrailCorpus.Order.SHUFFLED, CloudTrailCorpus.Order.CHRONOLOGICAL);
        long seed = 20260301;
        List<Path> jars = new ArrayList<>();
        List<String> javaOptions = new ArrayList<>();
        boolean javaOptionsGiven = false;
        boolean jq = true;
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        boolean keep = false;
        Optional<Path> json = Optional.empty();
        boolean corpusOnly = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            switch (name) {
                case "--help", "-h" -> {
                    return new HarnessOptions(records, 1, perFile, duplicates, orders, seed, jars, javaOptions, jq, work,
                            keep, json, false, true);
                }
                case "--no-jq" -> jq = false;
                case "--keep" -> keep = true;
                case "--corpus-only" -> corpusOnly = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option or missing value: " + name);
                    }
                    String v = args[++i];
                    switch (name) {
                        case "--records" -> records = number(name, v);
                        case "--keys" -> keys = (int) number(name, v);
                        case "--per-file" -> perFile = (int) number(name, v);
                        case "--duplicates" -> duplicates = decimal(name, v);
                        case "--order" -> orders = switch (v) {
                            case "shuffled" -> List.of(CloudTrailCorpus.Order.SHUFFLED);
                            case "chronological" -> List.of(CloudTrailCorpus.Order.CHRONOLOGICAL);
                            case "both" -> List.of(CloudTrailCorpus.Order.SHUFFLED, CloudTrailCorpus.Order.CHRONOLOGICAL);
                            default -> throw new IllegalArgumentException("--order must be shuffled, chronological or both");
                        };
                        case "--seed" -> seed = number(name, v);
                        case "--jar" -> jars.add(Path.of(v));
                        case "--java-options" -> {
                            javaOptionsGiven = true;
                            javaOptions.addAll(Arrays.stream(v.trim().split("\\s+"))
                                .filter(s -> !s.isEmpty()).toList());
                        }
                        case "--work" -> work = Path.of(v);
                        case "--json" -> json = Optional.of(Path.of(v));
                        default -> throw new IllegalArgumentException("unknown option: " + name);
                    }
                }
            }
        }
        if (!javaOptionsGiven) {
            javaOptions.addAll(CLI_JAVA_OPTIONS);
        }
        if (jars.isEmpty()) {
            jars.add(Path.of("local", "target", "keyledger.jar"));
        }
        int k = keys != null ? keys : (int) Math.max(1, records / 100);
        // the corpus's own checks say what is out of range
        new CloudTrailCorpus.Settings(records, k, perFile, duplicates, orders.get(0), seed);
        return new HarnessOptions(records, k, perFile, duplicates, orders, seed, jars, javaOptions, jq, work,
                keep || corpusOnly, json, corpusOnly, false);
    }

    private static long number(String name, String v) {
        try {
            return Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }

    private static double decimal(String name, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
        }
    }
}
