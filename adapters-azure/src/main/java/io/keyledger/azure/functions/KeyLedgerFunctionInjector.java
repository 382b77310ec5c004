package io.keyledger.azure.functions;

import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import java.util.Objects;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How the Functions Java worker gets the instance whose method it invokes (its dependency-injection SPI,
 * found through {@code META-INF/services}): {@link KeyLedgerFunctions} built once per worker, on the
 * function catalog of one Spring context started from {@link KeyLedgerAzureConfiguration} (functional
 * registration, no classpath scanning). The worker asks at every invocation; the first ask starts the
 * context and builds every function, the later ones get the same instance. Any other class is built with
 * its no-argument constructor, as the worker itself would.
 */
public final class KeyLedgerFunctionInjector implements FunctionInstanceInjector {

    private static final String[] ARGS = {"--spring.main.banner-mode=off", "--spring.main.log-startup-info=false"};

    private static volatile Started started;

    /** The context and the functions built on it. */
    private record Started(ConfigurableApplicationContext context, KeyLedgerFunctions functions) {
    }

    @Override
    public <T> T getInstance(Class<T> functionClass) throws Exception {
        if (functionClass == KeyLedgerFunctions.class) {
            return functionClass.cast(start().functions());
        }
        return functionClass.getDeclaredConstructor().newInstance();
    }

    private static Started start() {
        Started s = started;
        if (s == null) {
            synchronized (KeyLedgerFunctionInjector.class) {
                s = started;
                if (s == null) {
                    ConfigurableApplicationContext context = FunctionalSpringApplication.run(
                            new Class<?>[] {KeyLedgerAzureConfiguration.class}, ARGS);
                    s = new Started(context, new KeyLedgerFunctions(context.getBean(FunctionCatalog.class)));
                    started = s;
                }
            }
        }
        return s;
    }

    /**
     * Closes the context and forgets the functions, so that the next ask starts anew: for tests and harnesses
     * that start the app more than once in one JVM.
     */
    public static void reset() {
        synchronized (KeyLedgerFunctionInjector.class) {
            Started s = started;
            started = null;
            if (s != null) {
                s.context().close();
            }
        }
    }

    /** The functions the running context built, for tests: started if need be. */
    public static KeyLedgerFunctions functions() {
        return Objects.requireNonNull(start().functions());
    }
}
