package io.keyledger.archfixture.core;

import io.keyledger.archfixture.bench.Harness;
import io.keyledger.archfixture.local.LocalStore;
import io.keyledger.archfixture.testkit.StoreDouble;
import java.sql.Connection;
import java.time.Instant;
import org.springframework.core.env.Environment;

/**
 * Fixture: a core class that breaks every core rule (JDBC, Spring, the local module, the system clock) and
 * uses a benchmark harness and a test double.
 */
public class LeakyCore {

    public Connection connection;
    public Environment environment;
    public LocalStore store;
    public Harness harness;
    public StoreDouble testDouble;

    public Instant stamp() {
        return Instant.now();
    }
}
