package io.keyledger.bench.coldstart;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a child JVM tells the harness, one line each on stdout: "INIT ms", "FIRST ms", "CPU ms" (the CPU time
 * the process used up to its first response, all threads: steadier than wall times on a shared machine),
 * "RSS kB".
 */
final class ChildReport {

    static final String INIT = "INIT ";
    static final String FIRST = "FIRST ";
    static final String CPU = "CPU ";
    static final String RSS = "RSS ";

    private ChildReport() {
    }

    /** Milliseconds since this JVM started. */
    static long uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    static void init() {
        System.out.println(INIT + uptime());
    }

    static void first() {
        System.out.println(FIRST + uptime());
        System.out.println(CPU + processCpuMillis());
        System.out.println(RSS + peakResidentKb());
        System.out.flush();
    }

    static long processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    /** The peak resident set (VmHWM), where /proc tells it; -1 elsewhere. */
    private static long peakResidentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
