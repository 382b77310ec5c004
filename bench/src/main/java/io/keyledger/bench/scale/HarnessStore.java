package io.keyledger.bench.scale;

import io.keyledger.bench.Stores;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.local.sqlite.SqliteInventoryStore;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The store the harness sweeps into, empty: in memory, or a new SQLite file. A file given with
 * {@code --db} must not exist yet, since a store that already holds the keys would make the first pass
 * a second one; it is kept afterwards for inspection. Without {@code --db}, the file goes in a temporary
 * directory that is deleted at the end.
 */
final class HarnessStore implements AutoCloseable {

    private final InventoryStore store;
    private final Optional<Path> temporaryDir;

    private HarnessStore(InventoryStore store, Optional<Path> temporaryDir) {
        this.store = store;
        this.temporaryDir = temporaryDir;
    }

    static HarnessStore open(ScaleOptions options) throws IOException {
        Clock clock = CoreServices.systemClock();
        if (options.store() == ScaleOptions.StoreKind.MEMORY) {
            return new HarnessStore(new InMemoryInventoryStore(clock), Optional.empty());
        }
        if (options.db().isPresent()) {
            Path file = options.db().get();
            if (Files.exists(file)) {
                throw new IllegalArgumentException("--db " + file + " exists: the harness needs an empty store");
            }
            return new HarnessStore(SqliteInventoryStore.open(file, clock), Optional.empty());
        }
        Path dir = Files.createTempDirectory("keyledger-scale-");
        return new HarnessStore(SqliteInventoryStore.open(dir.resolve("inventory.db"), clock), Optional.of(dir));
    }

    InventoryStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
        temporaryDir.ifPresent(Stores::deleteTree);
    }
}
