package io.keyledger.bench.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Runs {@code keyledger ingest} in a child JVM (heap capped at {@code --heap}) on each hostile file together
 * with a good file, and prints per file: the exit code, whether the good file was still applied, the peak
 * resident memory of the child (VmHWM), the time, and what it reported: the report that stopped the input if one
 * did, else the first. The files are the issue's
 * and more: a gzip of zeros and a gzip of blanks (bombs), a gzip flood of empty records, a ZIP bomb, a 50 MB
 * field, nesting 100,000 deep, invalid UTF-8, a 1,000,000-digit number, a truncated gzip, terminal escapes.
 * Exits 1 if any run exits other than 2 or loses the good file.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.keyledger.bench.hostile.HostileFilesHarness [--scale N] [--heap MB]</pre>
 */
public final class HostileFilesHarness {

    /** One file's run. */
    public record Run(String file, long bytes, int exitCode, boolean goodApplied, long peakRssKb, double seconds,
                      String firstReport) {
    }

    private HostileFilesHarness() {
    }

    public static void main(String[] args) throws Exception {
        int scale = 1;
        int heap = 256;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scale" -> scale = Integer.parseInt(args[i + 1]);
                case "--heap" -> heap = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("keyledger-hostile");
        List<Run> runs = run(dir, scale, heap);
        System.out.printf(Locale.ROOT, "%-22s %14s %5s %5s %12s %8s  %s%n", "file", "bytes", "exit", "good",
                "peak RSS MB", "seconds", "what stopped the input, else the first report");
        boolean ok = true;
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%-22s %14d %5d %5s %12.1f %8.2f  %s%n", r.file(), r.bytes(), r.exitCode(),
                    r.goodApplied() ? "yes" : "NO", r.peakRssKb() / 1024.0, r.seconds(), r.firstReport());
            ok &= r.exitCode() == 2 && r.goodApplied();
        }
        System.out.println("heap cap " + heap + " MB; " + runs.size() + " hostile files; " + (ok ? "all bounded, good input applied"
                : "FAILURES"));
        System.exit(ok ? 0 : 1);
    }

    /** @param scale 1 for the sizes; the smoke test uses a fraction through {@link #files} */
    public static List<Run> run(Path dir, int scale, int heapMb) throws IOException, InterruptedException {
        Path good = dir.resolve("good.jsonl");
        Files.writeString(good, goodEvent() + "\n");
        List<Run> runs = new ArrayList<>();
        for (Path file : files(dir, scale)) {
            runs.add(ingest(dir, file, good, heapMb));
        }
        return runs;
    }

    /** The hostile files, sized by {@code scale} (1: the 3 GB bomb and 30 million records). */
    public static List<Path> files(Path dir, long scale) throws IOException {
        List<Path> out = new ArrayList<>();
        long bomb = scale == 0 ? 16L << 20 : scale * 3_000_000_000L;
        long floodLines = scale == 0 ? 600_000 : scale * 30_000_000L;
        out.add(gzip(dir.resolve("zeros-bomb.json.gz"), (byte) 0, bomb));
        out.add(gzip(dir.resolve("blank-bomb.json.gz"), (byte) ' ', bomb));
        Path flood = dir.resolve("flood.json.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(flood))) {
            byte[] line = "{}\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            for (long i = 0; i < floodLines / 10_000; i++) {
                o.write(line);
            }
        }
        out.add(flood);
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("zeros.json"));
            byte[] block = new byte[1 << 20];
            for (long i = 0; i < Math.max(1, scale * 1000); i++) {
                z.write(block);
            }
        }
        out.add(zip);
        out.add(Files.writeString(dir.resolve("huge-field.jsonl"), "{\"eventId\":\"x\",\"actor\":{\"userAgent\":\""
                + "a".repeat(scale == 0 ? 2 << 20 : 50 << 20) + "\"}}\n"));
        out.add(Files.writeString(dir.resolve("deep.jsonl"), "[".repeat(100_000) + "]".repeat(100_000) + "\n"));
        byte[] bad = goodEvent().replace("e-good", "e-\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        out.add(Files.write(dir.resolve("latin1.jsonl"), bad));
        out.add(Files.writeString(dir.resolve("huge-number.jsonl"), "{\"n\":" + "9".repeat(1_000_000) + "}\n"));
        // records of random text, which compress about as little as real logs: cut in half, the file is truncated,
        // not a bomb
        Path whole = dir.resolve("whole.json.gz");
        java.util.Random random = new java.util.Random(15);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(whole))) {
            for (int i = 0; i < (scale == 0 ? 2_000 : 200_000); i++) {
                o.write(("{\"n\":\"" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                        + "\"}\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] truncated = Files.readAllBytes(whole);
        out.add(Files.write(dir.resolve("truncated.json.gz"), Arrays.copyOf(truncated, truncated.length / 2)));
        Files.delete(whole);
        out.add(Files.writeString(dir.resolve("escapes.jsonl"), goodEvent().replace("2025-01-10T09:00:00Z",
                "\\u001b]0;pwned\\u0007") + "\n"));
        return out;
    }

    private static String goodEvent() {
        return "{\"eventId\":\"e-good\",\"eventTime\":\"2025-01-10T09:00:00Z\",\"action\":\"CREATE\",\"key\":{\"provider\":"
                + "\"aws\",\"accountScope\":\"111122223333\",\"location\":\"eu-west-1\",\"nativeId\":"
                + "\"arn:aws:kms:eu-west-1:111122223333:key/good\"},\"actor\":{\"principal\":\"alice\",\"type\":\"USER\"},"
                + "\"attributes\":{\"algorithm\":\"AES-256\"}}";
    }

    private static Path gzip(Path file, byte fill, long bytes) throws IOException {
        byte[] block = new byte[1 << 16];
        Arrays.fill(block, fill);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (long left = bytes; left > 0; left -= block.length) {
                o.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    private static Run ingest(Path dir, Path file, Path good, int heapMb) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory(dir, "home");
        Path err = dir.resolve(file.getFileName() + ".err");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"),
                "io.keyledger.local.cli.KeyLedgerCli", "ingest", "-q", "--home", home.toString(), file.toString(),
                good.toString());
        pb.redirectErrorStream(false).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        long peak = 0;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, vmHwmKb(p.pid()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String out = Files.readString(dir.resolve("out.txt"));
        // what stopped the input, if something did (always reported), else the first report
        List<String> reports = Files.readAllLines(err);
        String first = reports.stream().filter(l -> l.endsWith("the rest of the input is not read")
                || l.endsWith("the records before it were read")).findFirst()
                .orElse(reports.stream().findFirst().orElse(""));
        first = first.replace(dir.toString() + "/", "");
        return new Run(file.getFileName().toString(), Files.size(file), p.exitValue(), out.contains("1 applied"), peak,
                seconds, first.length() > 110 ? first.substring(0, 110) + "..." : first);
    }

    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended between two readings
        }
        return 0;
    }
}
