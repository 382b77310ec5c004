package io.keyledger.archfixture.local;

/** Fixture: local code outside the CLI package that reads the system clock. */
public class LocalStore {

    public long millis() {
        return System.currentTimeMillis();
    }
}
