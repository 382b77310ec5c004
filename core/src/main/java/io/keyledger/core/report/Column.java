package io.keyledger.core.report;

import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a row report: its name (the CSV header and the JSON property) and its value for a row.
 * Values are text, numbers, booleans, instants, durations, enums, {@link java.util.Optional}s of those,
 * collections of text, or maps; see {@link Cells} for how each is written.
 */
record Column<T>(String name, Function<T, Object> value) {

    Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    static <T> Column<T> of(String name, Function<T, Object> value) {
        return new Column<>(name, value);
    }
}
