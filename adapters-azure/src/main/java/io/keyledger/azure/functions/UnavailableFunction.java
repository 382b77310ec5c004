package io.keyledger.azure.functions;

import java.util.Objects;
import java.util.function.Function;

/**
 * Stands in the catalog for a function that could not be built on this instance (a setting missing), so
 * that the others are built and work; called, it fails with the reason.
 */
final class UnavailableFunction implements Function<Object, Object> {

    private final String name;
    private final String reason;

    UnavailableFunction(String name, String reason) {
        this.name = Objects.requireNonNull(name, "name");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    String reason() {
        return reason;
    }

    @Override
    public Object apply(Object input) {
        throw new IllegalStateException(name + " is not available on this instance: " + reason);
    }
}
