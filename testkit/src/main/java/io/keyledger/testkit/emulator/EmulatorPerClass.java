package io.keyledger.testkit.emulator;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An emulator started before a test class's first test and ended after its last:
 * {@code @RegisterExtension static final EmulatorPerClass dynalite = EmulatorPerClass.of(NodeEmulator::dynalite);}
 */
public final class EmulatorPerClass implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<NodeEmulator> launcher;
    private NodeEmulator emulator;

    private EmulatorPerClass(Supplier<NodeEmulator> launcher) {
        this.launcher = launcher;
    }

    public static EmulatorPerClass of(Supplier<NodeEmulator> launcher) {
        return new EmulatorPerClass(launcher);
    }

    /** The running emulator; only between the class's first and last test. */
    public NodeEmulator get() {
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
    public void afterAll(ExtensionContext context) {
        emulator.close();
        emulator = null;
    }
}
