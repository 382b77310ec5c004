package io.keyledger.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.function.BiConsumer;

/** A port whose calls are told to a listener before they reach the real one: for tests that count a store's reads. */
public final class CallsTo {

    private CallsTo() {
    }

    /** {@code target} as {@code port}, telling {@code onCall} the method and arguments of every call first. */
    public static <T> T watched(Class<T> port, T target, BiConsumer<Method, Object[]> onCall) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(onCall, "onCall");
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            onCall.accept(method, args);
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
