package io.keyledger.gcp.functions;

import io.keyledger.functions.config.AdminApiConfiguration;
import java.util.Objects;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring context of one entry point and the one function it looks up in the {@code FunctionCatalog}.
 * The Functions Framework creates an entry point once per instance, so each starts its own context, with
 * only its function registered ({@link KeyLedgerGcpConfiguration}); the admin API's context also holds
 * {@link AdminApiConfiguration}. Closing it is for tests: an instance's context lives as long as the instance.
 */
final class FunctionContext<F> implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final F function;

    private FunctionContext(ConfigurableApplicationContext context, F function) {
        this.context = context;
        this.function = function;
    }

    /**
     * Starts the context of {@code name} and looks the function up as a {@code type} (a {@code Function}
     * or a {@code Supplier}).
     *
     * @throws IllegalStateException when the catalog has no such function
     */
    static <F> FunctionContext<F> start(String name, Class<?> type) {
        Class<?>[] sources = name.equals(KeyLedgerGcpConfiguration.ADMIN_API)
                ? new Class<?>[] {KeyLedgerGcpConfiguration.class, AdminApiConfiguration.class}
                : new Class<?>[] {KeyLedgerGcpConfiguration.class};
        ConfigurableApplicationContext context = FunctionalSpringApplication.run(sources, new String[] {
                "--" + KeyLedgerGcpConfiguration.DEFINITION + "=" + name,
                "--spring.main.banner-mode=off",
                "--spring.main.log-startup-info=false"});
        try {
            F function = context.getBean(FunctionCatalog.class).lookup(type, name);
            if (function == null) {
                throw new IllegalStateException("the function catalog has no " + type.getSimpleName() + " named '"
                        + name + "'");
            }
            return new FunctionContext<>(context, Objects.requireNonNull(function));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    F function() {
        return function;
    }

    @Override
    public void close() {
        context.close();
    }
}
