package io.keyledger.local.sqlite;

import io.keyledger.core.store.PartnerKeyStore;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.PartnerKeyStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqlitePartnerKeysTest extends PartnerKeyStoreContract {

    @TempDir
    Path dir;

    private final List<SqliteInventoryStore> opened = new ArrayList<>();

    @Override
    protected PartnerKeyStore store() {
        SqliteInventoryStore store = SqliteInventoryStore.open(dir.resolve("db-" + opened.size() + ".db"),
                MutableClock.at("2026-03-01T00:00:00Z"));
        opened.add(store);
        return store.partnerKeys();
    }

    @AfterEach
    void close() {
        opened.forEach(SqliteInventoryStore::close);
    }
}
