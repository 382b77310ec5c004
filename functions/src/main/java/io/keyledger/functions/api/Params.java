package io.keyledger.functions.api;

import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The formats of the API's parameters, each checked with a message that says what is expected. */
final class Params {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_KEY_ID_LENGTH = 2048;
    static final int MAX_QUERY_TEXT = 256;

    /** A provider code, ':' and the provider's own id: visible ASCII only, as ARNs, key URLs and resource names are. */
    private static final Pattern KEY_ID = Pattern.compile("(aws|azure|gcp):[\\x21-\\x7E]+");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_.-]{1,4096}");
    private static final Pattern SIMPLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    static final String KEY_ID_RULE = "must be a key id '<aws|azure|gcp>:<provider's id>' of at most "
            + MAX_KEY_ID_LENGTH + " visible ASCII characters, URL-encoded as one path segment";

    private Params() {
    }

    /** Checks a key id; the message says the rule, never echoes a huge value. */
    static String keyId(String value) {
        if (value.length() > MAX_KEY_ID_LENGTH || !KEY_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(KEY_ID_RULE);
        }
        return value;
    }

    /** The key id in the path parameter {@code id}. */
    static String keyIdInPath(ApiCall call) {
        try {
            return keyId(call.pathParameter("id"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(FieldError.path("id", e.getMessage()));
        }
    }

    /** An alert or sweep id in the path parameter {@code id}. */
    static String simpleIdInPath(ApiCall call, String what) {
        String value = call.pathParameter("id");
        if (!SIMPLE_ID.matcher(value).matches()) {
            throw ApiProblem.invalid(FieldError.path("id", "must be " + what
                    + " id: 1 to 128 letters, digits, '.', '_', ':' or '-'"));
        }
        return value;
    }

    static boolean isSimpleId(String value) {
        return SIMPLE_ID.matcher(value).matches();
    }

    /** {@code limit} and {@code cursor}, checked into {@code checks}; read only once {@code checks} passed. */
    static Supplier<PageRequest> page(ApiCall call, Checks checks) {
        int limit = DEFAULT_LIMIT;
        Optional<String> rawLimit = call.query("limit");
        if (rawLimit.isPresent()) {
            limit = -1;
            String v = rawLimit.get().trim();
            if (v.matches("[0-9]{1,9}")) {
                limit = Integer.parseInt(v);
            }
            if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
                checks.add(FieldError.query("limit", "must be a whole number from 1 to " + PageRequest.MAX_LIMIT
                        + " (default " + DEFAULT_LIMIT + ")"));
            }
        }
        Optional<String> given = call.query("cursor");
        // Only a cursor this API handed out for this listing and tenant is opened; any other is refused here.
        Optional<String> cursor = given.filter(c -> CURSOR.matcher(c).matches()).flatMap(call::openCursor);
        if (given.isPresent() && cursor.isEmpty()) {
            checks.add(FieldError.query("cursor", "must be the nextCursor of a previous page of this listing"));
        }
        int checkedLimit = limit;
        return () -> new PageRequest(cursor, checkedLimit);
    }

    /**
     * Reads a page from the store. Stores refuse a cursor they cannot read with an
     * IllegalArgumentException, which is the caller's error here.
     */
    static <T> Page<T> read(PageRequest page, Supplier<Page<T>> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            if (page.cursor().isPresent()) {
                throw ApiProblem.invalid(FieldError.query("cursor",
                        "must be the nextCursor of a previous page of this listing"));
            }
            throw e;
        }
    }

    /** Free text in a query parameter: at most {@value #MAX_QUERY_TEXT} characters, no control characters. */
    static String queryText(String value) {
        if (value.isEmpty() || value.length() > MAX_QUERY_TEXT) {
            throw new IllegalArgumentException("must be 1 to " + MAX_QUERY_TEXT + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("must not contain control characters");
        }
        return value;
    }

    static Instant instant(String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 UTC instant such as 2026-01-31T00:00:00Z");
        }
    }
}
