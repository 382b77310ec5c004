package io.keyledger.core.decode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Says in KeyLedger's words what is wrong with text that is not valid JSON, and where: the parser's own
 * messages name its internals and options, which mean nothing to someone holding a log file.
 */
final class JsonSyntax {

    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)' \\(code (\\d+)\\)\\)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '([^']*)'");
    private static final Pattern CONTROL = Pattern.compile("\\(CTRL-CHAR, code (\\d+)\\)");

    private JsonSyntax() {
    }

    /** Where in the input: "line 5, column 12" (empty when the parser does not know). */
    static String place(JacksonException e, long lineOffset) {
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? ""
                : "line " + (at.getLineNr() + lineOffset) + ", column " + at.getColumnNr();
    }

    static String describe(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (m.contains("nesting depth")) {
                return "nested deeper than " + (InputLimits.HARD_CAPS.maxNestingDepth() + 8) + " levels";
            }
            return "a text or number longer than a record may be (the limit maxRecordBytes)";
        }
        if (e instanceof UnexpectedEndOfInputException || m.contains("end-of-input")) {
            return "not valid JSON: the text ends inside a value (truncated?)";
        }
        if (m.contains("Invalid UTF-8") || m.contains("UTF-8")) {
            return "not UTF-8 text";
        }
        Matcher control = CONTROL.matcher(m);
        if (control.find()) {
            return "not valid JSON: the control character U+" + String.format("%04X", Integer.parseInt(control.group(1)))
                    + " must be escaped";
        }
        Matcher unexpected = UNEXPECTED.matcher(m);
        if (unexpected.find()) {
            int code = Integer.parseInt(unexpected.group(2));
            String shown = code < 0x20 || code == 0x7F ? String.format("U+%04X", code)
                    : "'" + Printable.of(unexpected.group(1)) + "'";
            return "not valid JSON: unexpected character " + shown;
        }
        Matcher unrecognized = UNRECOGNIZED.matcher(m);
        if (unrecognized.find()) {
            return "not valid JSON: unexpected text '" + Printable.value(unrecognized.group(1)) + "'";
        }
        if (m.contains("Leading zeroes") || m.contains("number")) {
            return "not valid JSON: a malformed number";
        }
        return "not valid JSON";
    }
}
