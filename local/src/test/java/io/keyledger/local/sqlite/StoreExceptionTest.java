package io.keyledger.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A database another process holds too long is said in KeyLedger's words, with what to do. */
class StoreExceptionTest {

    private static final Path FILE = Path.of("/home/keyledger.db");

    @Test
    void aBusyDatabaseSaysAnotherProcessHeldItAndThatTheCommandCanBeRunAgain() {
        StoreException e = StoreException.failed("run a unit of work", FILE,
                new SQLiteException("[SQLITE_BUSY] The database file is locked (database is locked)",
                        SQLiteErrorCode.SQLITE_BUSY));

        assertThat(e).hasMessage("SQLite database /home/keyledger.db: cannot run a unit of work: another process held it "
                + "for more than 120 s (database is locked); what was applied stays applied, and the command can be run "
                + "again");
    }

    @Test
    void anExtendedBusyCodeIsBusyToo() {
        assertThat(StoreException.failed("commit", FILE, new SQLiteException("busy snapshot",
                SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT))).hasMessageContaining("another process held it");
    }

    @Test
    void otherFailuresKeepSqlitesOwnWords() {
        assertThat(StoreException.failed("commit", FILE, new SQLiteException("[SQLITE_FULL] disk full",
                SQLiteErrorCode.SQLITE_FULL))).hasMessage("SQLite database /home/keyledger.db: cannot commit: [SQLITE_FULL] "
                + "disk full");
    }
}
