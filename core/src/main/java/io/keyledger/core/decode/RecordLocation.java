package io.keyledger.core.decode;

import java.util.Objects;

/**
 * Where a record stands in its input, for messages and for the event's source pointer.
 *
 * @param input  the file, object key or message id the record came from
 * @param index  the record's position in the input, from 1
 * @param detail where inside it, e.g. "line 12" or "Records[3]" (empty if nothing to add)
 */
public record RecordLocation(String input, long index, String detail) {

    public RecordLocation {
        Objects.requireNonNull(input, "input");
        detail = detail == null ? "" : detail;
    }

    /** The same record, one level down (an SQS body, a Pub/Sub message, a nested array element). */
    public RecordLocation inner(String more) {
        return new RecordLocation(input, index, detail.isEmpty() ? more : detail + " " + more);
    }

    @Override
    public String toString() {
        return shown(input) + " record " + index + (detail.isEmpty() ? "" : " (" + Printable.of(detail) + ")");
    }

    /** An input's name as printed, and the name it was made from. */
    private record Shown(String input, String printed) {
    }

    /** The last input's name as printed: every record of an input names it, and escaping it each time costs. */
    private static volatile Shown lastShown = new Shown("", "");

    private static String shown(String input) {
        Shown last = lastShown;
        if (last.input() == input) {
            return last.printed();
        }
        String printed = Printable.of(input);
        lastShown = new Shown(input, printed);
        return printed;
    }
}
