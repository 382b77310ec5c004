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
 * Azurite's Queue service on a loopback port, and real Queue clients for it, with the emulator's well-known
 * development account. Clients write base64, as the Functions queue trigger reads.
 */
public final class AzuriteQueues implements AutoCloseable {

    /** Azurite's development account, the same on every machine (not a secret). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final NodeEmulator emulator;
    private final QueueServiceClient service;

    public AzuriteQueues() {
        this.emulator = NodeEmulator.azuriteQueues();
        this.service = new QueueServiceClientBuilder().connectionString(connectionString())
                .messageEncoding(QueueMessageEncoding.BASE64).buildClient();
    }

    /** {@code http://127.0.0.1:<port>/devstoreaccount1}: the queue service URI. */
    public String serviceUri() {
        return emulator.endpoint() + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";QueueEndpoint=" + serviceUri() + ";";
    }

    public QueueServiceClient service() {
        return service;
    }

    /** The queue of that name, created if need be. */
    public QueueClient queue(String name) {
        QueueClient queue = service.getQueueClient(name);
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

    @Override
    public void close() {
        emulator.close();
    }
}
