package io.keyledger.testkit.azure;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import io.keyledger.testkit.emulator.NodeEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Azurite (Azure Storage: blobs, queues and tables) on loopback ports for one test class, and how to reach it:
 * Azurite's well-known development account (its name and key are published in Azurite's documentation; they
 * open nothing but a local emulator), addressed path-style ({@code http://127.0.0.1:<port>/devstoreaccount1}).
 * One connection string names all three services, as a function app's storage account does; queue clients
 * made here write base64, as the Functions queue trigger reads.
 */
public final class Azurite implements AutoCloseable {

    /** The development account every Azurite accepts (not a secret). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final NodeEmulator emulator;
    private QueueServiceClient queues;

    private Azurite(NodeEmulator emulator) {
        this.emulator = emulator;
    }

    /** Azurite's blob, queue and table services, in memory, in one process. */
    public static Azurite start() {
        return new Azurite(NodeEmulator.azurite());
    }

    /** {@code http://127.0.0.1:<port>/devstoreaccount1}: the Table service of the development account. */
    public String tableEndpoint() {
        return emulator.endpoint("table") + "/" + ACCOUNT;
    }

    /** The Queue service of the development account. */
    public String queueEndpoint() {
        return emulator.endpoint("queue") + "/" + ACCOUNT;
    }

    /** The Blob service of the development account. */
    public String blobEndpoint() {
        return emulator.endpoint("blob") + "/" + ACCOUNT;
    }

    /** A connection string of the account, naming the three services: the SDK's builders and the Functions host take it. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";BlobEndpoint=" + blobEndpoint() + ";QueueEndpoint=" + queueEndpoint()
                + ";TableEndpoint=" + tableEndpoint() + ";";
    }

    /** The Table service's port. */
    public int tablePort() {
        return emulator.port("table");
    }

    /** A Queue service client of the account that writes base64 messages; one per Azurite. */
    public synchronized QueueServiceClient queues() {
        if (queues == null) {
            queues = new QueueServiceClientBuilder().connectionString(connectionString())
                    .messageEncoding(QueueMessageEncoding.BASE64).buildClient();
        }
        return queues;
    }

    /** The queue of that name, created if need be. */
    public QueueClient queue(String name) {
        QueueClient queue = queues().getQueueClient(name);
        queue.createIfNotExists();
        return queue;
    }

    /**
     * Takes every message visible now, up to {@code max}, as the queue trigger would: each is invisible for
     * {@code visibility} and must be deleted (or it is handed out again). Messages queued with a delay are not
     * visible until it has passed.
     */
    public static List<QueueMessageItem> receive(QueueClient queue, int max, Duration visibility) {
        List<QueueMessageItem> out = new ArrayList<>();
        while (out.size() < max) {
            List<QueueMessageItem> batch = new ArrayList<>();
            queue.receiveMessages(Math.min(32, max - out.size()), visibility, null, null).forEach(batch::add);
            if (batch.isEmpty()) {
                break;
            }
            out.addAll(batch);
        }
        return out;
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
