package io.keyledger.testkit.emulator;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An emulator started before a test class's first test and ended after its last (before the class's own
 * {@code @BeforeAll} methods run and after its {@code @AfterAll} ones):
 * {@code @RegisterExtension static final EmulatorPerClass<NodeEmulator> dynalite = EmulatorPerClass.of(NodeEmulator::dynalite);}
 */
public final class EmulatorPerClass<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<T> launcher;
    private T emulator;

    private EmulatorPerClass(Supplier<T> launcher) {
        this.launcher = launcher;
    }

    public static <T extends AutoCloseable> EmulatorPerClass<T> of(Supplier<T> launcher) {
        return new EmulatorPerClass<>(launcher);
    }

    /** The running emulator; only between the class's first and last test. */
    public T get() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs only while its test class does");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = launcher.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        emulator.close();
        emulator = null;
    }
}
