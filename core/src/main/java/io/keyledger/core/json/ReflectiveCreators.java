package io.keyledger.core.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;

/**
 * Builds records (and other values read through a constructor with arguments) by Java reflection.
 * Jackson 3 calls such a constructor through {@code MethodHandle.invokeWithArguments}, which adapts the handle
 * to the argument array on every call; under the client compiler, which the CLI runs on, that was a twentieth of
 * the applying thread of an ingest (each key record, stored event and rollup read back). {@code
 * Constructor.newInstance} costs a fraction of it once the JDK has generated its accessor. Everything else of
 * Jackson's instantiation is kept: the same creator, the same arguments, the same errors.
 */
final class ReflectiveCreators extends ValueInstantiators.Base {

    static SimpleModule module() {
        return new SimpleModule("keyledger-reflective-creators") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addValueInstantiators(new ReflectiveCreators());
            }
        };
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier bean,
                                                     ValueInstantiator instantiator) {
        // Only Jackson's own instantiator, not a subclass whose other overrides a copy would lose.
        if (instantiator.getClass() == StdValueInstantiator.class
                && instantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator
                && creator.getAnnotated().trySetAccessible()) {
            return new Reflective((StdValueInstantiator) instantiator, creator.getAnnotated());
        }
        return instantiator;
    }

    private static final class Reflective extends StdValueInstantiator {
        private final Constructor<?> constructor;

        Reflective(StdValueInstantiator base, Constructor<?> constructor) {
            super(base);
            this.constructor = constructor;
        }

        /** As Jackson's own: a constructor's exception is reported through the context, wrapped alike. */
        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] args) {
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                // Jackson's handle lets an Error through and reports an exception: the same here.
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                return context.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(context, e.getCause()));
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                return context.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(context, e));
            }
        }
    }
}
