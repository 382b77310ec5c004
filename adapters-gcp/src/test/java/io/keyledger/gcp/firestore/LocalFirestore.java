package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import io.keyledger.testkit.emulator.NodeEmulator;
import io.keyledger.testkit.emulator.PerClassResource;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Firestore emulator on a loopback port for one test class, a client on it, and a fresh root collection per
 * store (the emulator keeps one database for the class). Registered as an extension ({@link #perClass()}), it
 * starts before the class's first test and stops after its last.
 */
public final class LocalFirestore extends PerClassResource {

    private static final AtomicInteger ROOTS = new AtomicInteger();

    private final FirestoreRequestCounter counter = new FirestoreRequestCounter();
    private NodeEmulator emulator;
    private Firestore firestore;

    private LocalFirestore() {
    }

    /** Started now, for a caller that closes it itself. */
    public static LocalFirestore start() {
        LocalFirestore local = new LocalFirestore();
        local.open();
        return local;
    }

    /** Started and stopped around one test class: {@code @RegisterExtension static final LocalFirestore ...}. */
    public static LocalFirestore perClass() {
        return new LocalFirestore();
    }

    @Override
    protected void open() {
        emulator = NodeEmulator.firestore();
        firestore = FirestoreOptions.newBuilder().setProjectId("keyledger-test")
                .setEmulatorHost(emulator.hostAndPort()).build().getService();
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
