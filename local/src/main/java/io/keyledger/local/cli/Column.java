package io.keyledger.local.cli;

import java.util.function.Function;

/** One column of a table or CSV listing: its header and how to get its cell from an item. */
record Column<T>(String header, Function<T, String> cell) {

    static <T> Column<T> of(String header, Function<T, String> cell) {
        return new Column<>(header, cell);
    }
}
