package io.keyledger.testkit.azure;

import com.microsoft.azure.functions.OutputBinding;
import java.util.Optional;

/** An output binding as the worker passes it: the function may set a value, which the host then writes. */
public final class FunctionsOutput<T> implements OutputBinding<T> {

    private T value;

    @Override
    public T getValue() {
        return value;
    }

    @Override
    public void setValue(T value) {
        this.value = value;
    }

    /** What the function set; empty when it set nothing (the host then writes nothing). */
    public Optional<T> written() {
        return Optional.ofNullable(value);
    }
}
