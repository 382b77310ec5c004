package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import io.keyledger.testkit.emulator.NodeEmulator;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Firestore emulator on a loopback port for one test class, a client on it, and a fresh root collection per
 * store (the emulator keeps one database for the class).
 */
public final class LocalFirestore implements AutoCloseable {

    private static final AtomicInteger ROOTS = new AtomicInteger();

    private final NodeEmulator emulator;
    private final Firestore firestore;
    private final FirestoreRequestCounter counter = new FirestoreRequestCounter();

    private LocalFirestore(NodeEmulator emulator) {
        this.emulator = emulator;
        this.firestore = FirestoreOptions.newBuilder().setProjectId("keyledger-test")
                .setEmulatorHost(emulator.hostAndPort()).build().getService();
    }

    public static LocalFirestore start() {
        return new LocalFirestore(NodeEmulator.firestore());
    }

    public Firestore firestore() {
        return firestore;
    }

    /** Counts the requests of every store built by {@link #newStore}. */
    public FirestoreRequestCounter counter() {
        return counter;
    }

    /** A builder on a new, empty root collection, counting into {@link #counter()}. */
    public FirestoreInventoryStore.Builder newStoreBuilder(Clock clock) {
        return FirestoreInventoryStore.builder(firestore).clock(clock).rootCollection(newRoot())
                .requestCounter(counter);
    }

    public FirestoreInventoryStore newStore(Clock clock) {
        return newStoreBuilder(clock).build();
    }

    public static String newRoot() {
        return "keyledger-" + ROOTS.incrementAndGet();
    }

    @Override
    public void close() {
        try {
            firestore.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the Firestore client", e);
        } finally {
            emulator.close();
        }
    }
}
