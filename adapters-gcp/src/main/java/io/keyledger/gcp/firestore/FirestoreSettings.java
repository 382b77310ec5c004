package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import io.keyledger.gcp.credentials.DeferredCredentials;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a function's Firestore store is (docs/gcp/FIRESTORE.md, "Building it"). The Google Cloud functions read
 * it from their environment with the rest of their settings ({@code io.keyledger.gcp.functions.GcpSettings}).
 *
 * @param projectId      the project of the database
 * @param databaseId     the database; empty: the project's default database
 * @param rootCollection the root collection (default {@value FirestoreInventoryStore#DEFAULT_ROOT})
 * @param emulatorHost   {@code 127.0.0.1:<port>}, to run against a local emulator; loopback only
 */
public record FirestoreSettings(String projectId, Optional<String> databaseId, String rootCollection,
                                Optional<String> emulatorHost) {

    private static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern DATABASE = Pattern.compile("\\(default\\)|[a-z][a-z0-9-]{2,61}[a-z0-9]");
    private static final Pattern LOOPBACK = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1]):\\d{1,5}");

    public FirestoreSettings {
        require("projectId", projectId, PROJECT, "a project id");
        Objects.requireNonNull(databaseId, "databaseId").ifPresent(d -> require("databaseId", d, DATABASE,
                "a Firestore database id, or (default)"));
        FirestoreInventoryStore.requireCollectionId(rootCollection);
        Objects.requireNonNull(emulatorHost, "emulatorHost").ifPresent(h -> require("emulatorHost", h, LOOPBACK,
                "a loopback address and port, such as 127.0.0.1:8080"));
    }

    /** The project's default database, in the root collection {@value FirestoreInventoryStore#DEFAULT_ROOT}. */
    public static FirestoreSettings of(String projectId) {
        return new FirestoreSettings(projectId, Optional.empty(), FirestoreInventoryStore.DEFAULT_ROOT, Optional.empty());
    }

    public FirestoreSettings withDatabase(String database) {
        return new FirestoreSettings(projectId, Optional.of(database), rootCollection, emulatorHost);
    }

    public FirestoreSettings withRootCollection(String root) {
        return new FirestoreSettings(projectId, databaseId, root, emulatorHost);
    }

    public FirestoreSettings withEmulatorHost(String hostAndPort) {
        return new FirestoreSettings(projectId, databaseId, rootCollection, Optional.of(hostAndPort));
    }

    /**
     * The client, built without network I/O: its credentials are the function's Application Default Credentials,
     * looked up at the first request (the client would otherwise ask the metadata server while it is built), or
     * none for the emulator.
     */
    public Firestore client() {
        FirestoreOptions.Builder b = FirestoreOptions.newBuilder().setProjectId(projectId);
        databaseId.ifPresent(b::setDatabaseId);
        if (emulatorHost.isPresent()) {
            b.setEmulatorHost(emulatorHost.get());
        } else {
            b.setCredentials(DeferredCredentials.applicationDefault(List.of(CLOUD_PLATFORM)));
        }
        return b.build().getService();
    }

    /** The store on {@code firestore} (from {@link #client()}), counting its requests into {@code counter}. */
    public FirestoreInventoryStore store(Firestore firestore, Clock clock, FirestoreRequestCounter counter) {
        return FirestoreInventoryStore.builder(firestore).clock(clock).rootCollection(rootCollection)
                .requestCounter(counter).build();
    }

    private static void require(String field, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("Firestore settings, field '" + field + "': expected " + expected
                    + ", was '" + value + "'");
        }
    }
}
