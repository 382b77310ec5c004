package io.keyledger.testkit.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An emulator with its clients, opened before the first test of the class that registers it
 * ({@code @RegisterExtension static final ...}) and closed after its last; the class's nested classes share it
 * rather than open it again.
 */
public abstract class PerClassResource implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private Class<?> owner;

    /** Starts the emulator and builds its clients. */
    protected abstract void open();

    @Override
    public abstract void close();

    @Override
    public void beforeAll(ExtensionContext context) {
        if (owner == null) {
            open();
            owner = context.getRequiredTestClass();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass() == owner) {
            owner = null;
            close();
        }
    }
}
