package io.keyledger.bench.jq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one command as a child process and measures it as {@code /usr/bin/time} does: wall time, CPU time
 * (user and system, children included) and peak resident memory (of the largest process of the command).
 * Where GNU time is not installed, the process tree is sampled through {@code /proc} every 10 ms instead,
 * which can miss the last moments of a process (the figures are then marked as sampled).
 */
final class MeasuredCommand {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    /** What one run cost. */
    record Cost(Duration wall, Duration cpu, long peakRssBytes, int exitCode, boolean sampled) {

        double wallSeconds() {
            return wall.toNanos() / 1e9;
        }

        double cpuSeconds() {
            return cpu.toNanos() / 1e9;
        }
    }

    private MeasuredCommand() {
    }

    /**
     * Runs {@code command} in {@code workDir} with {@code env} added to this process's environment; its
     * standard output goes to {@code stdout}, its standard error to {@code stderr}.
     */
    static Cost run(List<String> command, Map<String, String> env, Path workDir, Path stdout, Path stderr)
            throws IOException, InterruptedException {
        boolean gnuTime = Files.isExecutable(GNU_TIME);
        Path timeFile = Files.createTempFile("keyledger-bench-time", ".txt");
        try {
            List<String> full = new ArrayList<>();
            if (gnuTime) {
                full.addAll(List.of(GNU_TIME.toString(), "-f", "%e %U %S %M", "-o", timeFile.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process process = pb.start();
            Sampler sampler = gnuTime ? null : new Sampler(process.toHandle());
            if (sampler != null) {
                sampler.start();
            }
            int exit = process.waitFor();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            if (sampler != null) {
                sampler.interrupt();
                sampler.join();
                return new Cost(wall, sampler.cpu(), sampler.peakRss(), exit, true);
            }
            String[] f = Files.readString(timeFile, StandardCharsets.UTF_8).strip().lines()
                    .reduce((a, b) -> b).orElse("0 0 0 0").trim().split("\\s+");
            Duration cpu = Duration.ofMillis(Math.round((Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000));
            return new Cost(wall, cpu, Long.parseLong(f[3]) * 1024, exit, false);
        } finally {
            Files.deleteIfExists(timeFile);
        }
    }

    /** Samples the process tree's CPU and the largest VmHWM through /proc. */
    private static final class Sampler extends Thread {
        private final ProcessHandle root;
        private final Map<Long, Duration> cpuByPid = new HashMap<>();
        private long peakRss;

        Sampler(ProcessHandle root) {
            this.root = root;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                sample(root);
                root.descendants().forEach(this::sample);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized void sample(ProcessHandle p) {
            p.info().totalCpuDuration().ifPresent(d -> cpuByPid.merge(p.pid(), d, (a, b) -> a.compareTo(b) > 0 ? a : b));
            hwm(p.pid()).ifPresent(bytes -> peakRss = Math.max(peakRss, bytes));
        }

        private static Optional<Long> hwm(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended between two samples
            }
            return Optional.empty();
        }

        synchronized Duration cpu() {
            return cpuByPid.values().stream().reduce(Duration.ZERO, Duration::plus);
        }

        synchronized long peakRss() {
            return peakRss;
        }
    }
}
