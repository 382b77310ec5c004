package io.keyledger.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a record whose {@code equals} and {@code hashCode} are written out rather than generated: a copy is equal
 * to it with the same hash, and a copy differing in any one component is not. A component added later without
 * being compared makes the check fail; so does a component of a type it cannot vary (extend {@link #other}).
 */
public final class RecordEquality {

    private RecordEquality() {
    }

    public static void assertEveryComponentTakesPart(Record sample) {
        RecordComponent[] components = sample.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(sample);
                types[i] = components[i].getType();
            }
            Constructor<?> canonical = sample.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            Object copy = canonical.newInstance(values);
            assertEquals(sample, copy, "a copy with every component the same");
            assertEquals(sample.hashCode(), copy.hashCode(), "the hash of a copy with every component the same");
            for (int i = 0; i < components.length; i++) {
                Object[] changed = values.clone();
                changed[i] = other(values[i], components[i].getGenericType());
                assertNotEquals(sample, canonical.newInstance(changed), "a copy differing only in "
                        + components[i].getName() + " must not be equal");
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot copy " + sample.getClass().getSimpleName(), e);
        }
    }

    /** A value of the same type, different from {@code value} and as valid (a digit for a digit, a letter for one). */
    private static Object other(Object value, Type type) {
        if (value instanceof String s) {
            return s.isEmpty() ? "x" : s.substring(0, s.length() - 1) + next(s.charAt(s.length() - 1));
        }
        if (value instanceof Long l) {
            return l + 1;
        }
        if (value instanceof Integer n) {
            return n + 1;
        }
        if (value instanceof Instant t) {
            return t.plusSeconds(1);
        }
        if (value instanceof Enum<?> e) {
            Object[] constants = e.getDeclaringClass().getEnumConstants();
            return constants[(e.ordinal() + 1) % constants.length];
        }
        if (value instanceof Optional<?> o) {
            if (o.isPresent()) {
                return Optional.empty();
            }
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            if (element == String.class) {
                return Optional.of("x");
            }
            if (element == Instant.class) {
                return Optional.of(Instant.EPOCH);
            }
        }
        return fail("no other value of " + type.getTypeName() + " to compare with: extend RecordEquality.other");
    }

    private static char next(char c) {
        if (c >= '0' && c <= '9') {
            return c == '9' ? '0' : (char) (c + 1);
        }
        if (c >= 'a' && c <= 'z') {
            return c == 'z' ? 'a' : (char) (c + 1);
        }
        if (c >= 'A' && c <= 'Z') {
            return c == 'Z' ? 'A' : (char) (c + 1);
        }
        return 'x';
    }
}
