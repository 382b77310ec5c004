package io.keyledger.azure.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.Outcome;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether a logged call succeeded. A call failed when {@code resultType} is not Success / Succeeded, or
 * the HTTP status ({@code httpStatusCode}, {@code properties.statusCode} or a numeric
 * {@code resultSignature}) is 400 or more; its error code is {@code resultSignature} (or the status) and
 * its message {@code resultDescription}.
 */
record CallResult(Outcome outcome) {

    static CallResult of(RecordFields record, RecordFields properties) {
        Optional<String> resultType = record.looseText("resultType");
        Optional<String> signature = record.looseText("resultSignature");
        Optional<String> description = record.looseText("resultDescription");
        OptionalInt status = number(properties.looseText("httpStatusCode").or(() -> record.looseText("httpStatusCode")));
        OptionalInt signatureStatus = number(signature);
        boolean failedType = resultType.map(t -> !isSuccess(t)).orElse(false);
        boolean failedStatus = status.isPresent() && status.getAsInt() >= 400
                || signatureStatus.isPresent() && signatureStatus.getAsInt() >= 400;
        if (!failedType && !failedStatus) {
            return new CallResult(Outcome.SUCCESS);
        }
        String code = signature.filter(s -> !isSuccess(s) && !s.equalsIgnoreCase("OK"))
                .or(() -> status.isPresent() ? Optional.of(Integer.toString(status.getAsInt())) : Optional.empty())
                .or(() -> resultType)
                .orElse("Failure");
        return new CallResult(Outcome.failure(code, description.orElse("")));
    }

    boolean failed() {
        return !outcome.succeeded();
    }

    /** " (failed: <code>)" for a failed call, for the reasons of ignored records. */
    String note() {
        return outcome instanceof Outcome.Failure f ? " (failed: " + f.errorCode() + ")" : "";
    }

    private static boolean isSuccess(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("success") || t.equals("succeeded") || t.startsWith("succeeded.");
    }

    private static OptionalInt number(Optional<String> text) {
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        String t = text.get().replaceFirst("\\.0+$", "");
        try {
            return OptionalInt.of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
