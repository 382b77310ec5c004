package io.keyledger.bench.hostile;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Runs {@code keyledger ingest} (a child JVM with the README alias's options) on CloudTrail files of shapes whose cost
 * could grow with the square of their size, each at {@code --records} N and 2N, and prints the time of each and the
 * ratio of the two: about 2 when the cost grows with the records, about 4 when it grows with their square. The time is
 * the one the ingest reports (from its start to its summary, the JVM's start left out).
 * <ul>
 *   <li>{@code burst}: N {@code DisableKey} calls on N keys by one principal within an hour (the destructive-burst
 *   rule: six ten-minute periods, six alerts);</li>
 *   <li>{@code probing}: N failed {@code ScheduleKeyDeletion} calls by one principal within an hour (repeated
 *   failures: four fifteen-minute periods, four alerts);</li>
 *   <li>{@code busy-key}: N {@code TagResource} calls on one key within an hour, in time order, two or three a
 *   second (those of one second in the order they came, not by their ids);</li>
 *   <li>{@code busy-key-late}: the same, every 50th call delivered ten places late;</li>
 *   <li>{@code busy-key-again}: the {@code busy-key} file ingested a second time into the same home, every record a
 *   redelivery (the second ingest is the one timed).</li>
 * </ul>
 * Exits 1 if a run fails, applies fewer records than it was given, or raises other than the expected alerts.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.keyledger.bench.hostile.BusyShapesHarness [--records N]</pre>
 */
public final class BusyShapesHarness {

    private static final String ACCOUNT = "111122223333";
    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");
    /** The ingest's summary: records applied, and its own time (the JVM's start left out). */
    private static final Pattern APPLIED = Pattern.compile("(\\d+) applied.* \\((\\d+) records/s\\)");
    private static final Pattern ALERTS = Pattern.compile("(\\d+) alerts? raised");

    /** The shapes, and the alerts each raises (every run's records fall in the same hour). */
    public enum Shape {
        BURST(6), PROBING(4), BUSY_KEY(0), BUSY_KEY_LATE(0), BUSY_KEY_AGAIN(0);

        private final int alerts;

        Shape(int alerts) {
            this.alerts = alerts;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One run of one shape. */
    public record Run(Shape shape, int records, int exitCode, int applied, int alerts, double seconds) {

        boolean ok() {
            return exitCode == 0 && applied == (shape == Shape.BUSY_KEY_AGAIN ? 0 : records) && alerts == shape.alerts;
        }
    }

    private BusyShapesHarness() {
    }

    public static void main(String[] args) throws Exception {
        int records = 4_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--records")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            records = Integer.parseInt(args[i + 1]);
        }
        Path dir = Files.createTempDirectory("keyledger-busy");
        System.out.printf(Locale.ROOT, "%-14s %8s %9s %10s %8s %9s %10s %8s %7s%n", "shape", "records", "seconds",
                "records/s", "records", "seconds", "records/s", "alerts", "ratio");
        boolean ok = true;
        for (Shape shape : Shape.values()) {
            Run once = ingest(dir, shape, records);
            Run twice = ingest(dir, shape, 2 * records);
            System.out.printf(Locale.ROOT, "%-14s %8d %9.2f %10.0f %8d %9.2f %10.0f %8d %7.2f%n", shape.label(),
                    once.records(), once.seconds(), once.records() / once.seconds(), twice.records(), twice.seconds(),
                    twice.records() / twice.seconds(), twice.alerts(), twice.seconds() / once.seconds());
            ok &= once.ok() && twice.ok();
        }
        System.out.println(ok ? "every run applied every record and raised the expected alerts" : "FAILURES");
        System.exit(ok ? 0 : 1);
    }

    /** Writes the shape's file of {@code records} records and ingests it into a new home. */
    public static Run ingest(Path dir, Shape shape, int records) throws IOException, InterruptedException {
        Path input = Files.createTempDirectory(dir, shape.label());
        write(shape, records, input.resolve("records.json.gz"));
        Path home = Files.createTempDirectory(dir, "home");
        Path out = dir.resolve(input.getFileName() + ".out");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.keyledger.local.cli.KeyLedgerCli", "ingest", "-q", "--home", home.toString(), input.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        int exit = pb.start().waitFor();
        if (shape == Shape.BUSY_KEY_AGAIN && exit == 0) {
            exit = pb.start().waitFor(); // the same files again: the output of this run is the one read
        }
        String said = Files.readString(out);
        Matcher applied = APPLIED.matcher(said);
        Matcher alerts = ALERTS.matcher(said);
        boolean summed = applied.find();
        return new Run(shape, records, exit, summed ? Integer.parseInt(applied.group(1)) : -1,
                alerts.find() ? Integer.parseInt(alerts.group(1)) : 0,
                summed ? records / Double.parseDouble(applied.group(2)) : Double.NaN);
    }

    /** A CloudTrail log file of the shape, its records as the CloudTrail documentation shows KMS calls. */
    static void write(Shape shape, int records, Path file) throws IOException {
        Random random = new Random(records * 31L + shape.ordinal());
        String busyKey = keyArn(random);
        List<String> out = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            Instant at = START.plusSeconds(3600L * i / records);
            String record = switch (shape) {
                case BURST -> call(random, at, "DisableKey", keyArn(random), "", "");
                case PROBING -> call(random, at, "ScheduleKeyDeletion", keyArn(random), ",\"pendingWindowInDays\":7",
                        ",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"User is not authorized to perform: "
                                + "kms:ScheduleKeyDeletion\"");
                case BUSY_KEY, BUSY_KEY_LATE, BUSY_KEY_AGAIN -> call(random, at, "TagResource", busyKey,
                        ",\"tags\":[{\"tagKey\":\"Build\",\"tagValue\":\"" + i + "\"}]", "");
            };
            out.add(record);
        }
        if (shape == Shape.BUSY_KEY_LATE) {
            for (int i = 50; i + 10 < out.size(); i += 50) {
                out.add(i + 10, out.remove(i));
            }
        }
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            w.write("{\"Records\":[");
            w.write(String.join(",", out));
            w.write("]}");
        }
    }

    private static String keyArn(Random random) {
        return "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + new UUID(random.nextLong(), random.nextLong());
    }

    private static String call(Random random, Instant at, String name, String key, String request, String error) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLEMALLORY\","
                + "\"arn\":\"arn:aws:iam::" + ACCOUNT + ":user/Mallory\",\"accountId\":\"" + ACCOUNT + "\","
                + "\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"Mallory\"},\"eventTime\":\"" + at + "\","
                + "\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"192.0.2.10\",\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":{\"keyId\":\""
                + key + "\"" + request + "},\"responseElements\":null" + error + ",\"requestID\":\""
                + new UUID(random.nextLong(), random.nextLong()) + "\",\"eventID\":\""
                + new UUID(random.nextLong(), random.nextLong()) + "\",\"readOnly\":false,\"resources\":[{\"accountId\":\""
                + ACCOUNT + "\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"" + key + "\"}],\"eventType\":\"AwsApiCall\","
                + "\"managementEvent\":true,\"recipientAccountId\":\"" + ACCOUNT + "\",\"eventCategory\":\"Management\"}";
    }
}
