package io.keyledger.testkit.azure;

import io.keyledger.testkit.emulator.NodeEmulator;

/**
 * Azurite's Table or Queue service on a loopback port for one test class, and how to reach it: Azurite's
 * well-known development account (its name and key are published in Azurite's documentation; they open
 * nothing but a local emulator), addressed path-style ({@code http://127.0.0.1:<port>/devstoreaccount1}).
 */
public final class Azurite implements AutoCloseable {

    /** The development account every Azurite accepts. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final NodeEmulator emulator;
    private final String service;

    private Azurite(NodeEmulator emulator, String service) {
        this.emulator = emulator;
        this.service = service;
    }

    /** The Table service, in memory. */
    public static Azurite tables() {
        return new Azurite(NodeEmulator.azurite(), "Table");
    }

    /** The Queue service, in memory. */
    public static Azurite queues() {
        return new Azurite(NodeEmulator.azuriteQueues(), "Queue");
    }

    /** {@code http://127.0.0.1:<port>/devstoreaccount1}: the service endpoint of the development account. */
    public String endpoint() {
        return emulator.endpoint() + "/" + ACCOUNT;
    }

    /** A connection string the Azure SDK's builders and the Functions host accept. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY + ";"
                + service + "Endpoint=" + endpoint() + ";";
    }

    public int port() {
        return emulator.port();
    }

    /** What Azurite printed so far (for failure messages). */
    public String output() {
        return emulator.output();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
