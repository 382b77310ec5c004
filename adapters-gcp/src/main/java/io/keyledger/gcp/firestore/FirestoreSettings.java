package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a function's Firestore store is, from its environment (docs/gcp/FIRESTORE.md, "Building it").
 *
 * @param projectId      the project of the database ({@code GOOGLE_CLOUD_PROJECT}, which Cloud Run sets)
 * @param databaseId     the database ({@code KEYLEDGER_FIRESTORE_DATABASE}; the project's default database if unset)
 * @param rootCollection the root collection ({@code KEYLEDGER_FIRESTORE_ROOT}; default {@value FirestoreInventoryStore#DEFAULT_ROOT})
 * @param emulatorHost   {@code FIRESTORE_EMULATOR_HOST}, {@code 127.0.0.1:<port>}, to run against a local emulator
 */
public record FirestoreSettings(String projectId, Optional<String> databaseId, String rootCollection,
                                Optional<String> emulatorHost) {

    public static final String ENV_PROJECT = "GOOGLE_CLOUD_PROJECT";
    public static final String ENV_DATABASE = "KEYLEDGER_FIRESTORE_DATABASE";
    public static final String ENV_ROOT = "KEYLEDGER_FIRESTORE_ROOT";
    public static final String ENV_EMULATOR = "FIRESTORE_EMULATOR_HOST";

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern DATABASE = Pattern.compile("\\(default\\)|[a-z][a-z0-9-]{2,61}[a-z0-9]");
    private static final Pattern LOOPBACK = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1]):\\d{1,5}");

    public FirestoreSettings {
        require(ENV_PROJECT, projectId, PROJECT);
        Objects.requireNonNull(databaseId, "databaseId").ifPresent(d -> require(ENV_DATABASE, d, DATABASE));
        FirestoreInventoryStore.requireCollectionId(rootCollection);
        Objects.requireNonNull(emulatorHost, "emulatorHost").ifPresent(h -> require(ENV_EMULATOR, h, LOOPBACK));
    }

    /**
     * Reads {@code GOOGLE_CLOUD_PROJECT} (required), and the optional {@code KEYLEDGER_FIRESTORE_DATABASE},
     * {@code KEYLEDGER_FIRESTORE_ROOT} and {@code FIRESTORE_EMULATOR_HOST}.
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static FirestoreSettings fromEnvironment(Map<String, String> env) {
        String project = value(env, ENV_PROJECT).orElseThrow(() -> new IllegalArgumentException(ENV_PROJECT
                + " is not set: the project of the Firestore database"));
        String root = value(env, ENV_ROOT).orElse(FirestoreInventoryStore.DEFAULT_ROOT);
        try {
            return new FirestoreSettings(project, value(env, ENV_DATABASE), root, value(env, ENV_EMULATOR));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith("root collection") ? ENV_ROOT + ": " + e.getMessage() : e.getMessage();
            throw new IllegalArgumentException("Firestore settings from the environment, " + message, e);
        }
    }

    /** The client: built without network I/O; its credentials are the function's (or none for the emulator). */
    public Firestore client() {
        FirestoreOptions.Builder b = FirestoreOptions.newBuilder().setProjectId(projectId);
        databaseId.ifPresent(b::setDatabaseId);
        emulatorHost.ifPresent(b::setEmulatorHost);
        return b.build().getService();
    }

    /** The store on {@code firestore} (from {@link #client()}), counting its requests into {@code counter}. */
    public FirestoreInventoryStore store(Firestore firestore, Clock clock, FirestoreRequestCounter counter) {
        return FirestoreInventoryStore.builder(firestore).clock(clock).rootCollection(rootCollection)
                .requestCounter(counter).build();
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static void require(String variable, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(variable + ": not valid: '" + value + "'");
        }
    }
}
