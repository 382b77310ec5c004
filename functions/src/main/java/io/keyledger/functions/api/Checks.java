package io.keyledger.functions.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Collects a request's invalid fields so that one answer names them all, rather than one per retry.
 */
final class Checks {

    private final List<FieldError> errors = new ArrayList<>();

    void add(FieldError error) {
        errors.add(error);
    }

    /**
     * Parses a value; a parser's IllegalArgumentException becomes an error naming the field, and the
     * result is empty.
     */
    <T> Optional<T> parse(Optional<String> value, Function<String, T> parser, Function<String, FieldError> error) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(value.get()));
        } catch (IllegalArgumentException e) {
            add(error.apply(e.getMessage()));
            return Optional.empty();
        }
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** Throws the collected errors as one 400 problem, if there are any. */
    void done() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
