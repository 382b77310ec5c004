package io.keyledger.testkit.azure;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Azurite started before a test class's first test and stopped after its last (before the class's own
 * {@code @BeforeAll} methods run and after its {@code @AfterAll} ones):
 * {@code @RegisterExtension static final AzuritePerClass azurite = new AzuritePerClass();}
 */
public final class AzuritePerClass implements BeforeAllCallback, AfterAllCallback {

    private Azurite azurite;

    /** The running Azurite; only between the class's first and last test. */
    public Azurite get() {
        if (azurite == null) {
            throw new IllegalStateException("Azurite runs only while its test class does");
        }
        return azurite;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        azurite = Azurite.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        azurite.close();
        azurite = null;
    }
}
