package io.keyledger.azure.format;

import io.keyledger.core.decode.JsonDialect;
import io.keyledger.core.decode.RecordFields;
import tools.jackson.databind.JsonNode;

/**
 * How Azure writes the JSON of its records and listings, with the differences between its schemas
 * tolerated: field names change case between documentation revisions and exports ({@code operationName} /
 * {@code OperationName}, {@code Id} / {@code id}, {@code NBF} / {@code nbf}), some carry stray blanks
 * ({@code "ObjectName "}), text is trimmed, nested objects sometimes arrive as JSON text (Managed HSM's
 * {@code identity}), and times come in {@link Instants}' forms.
 */
public final class AzureJson {

    public static final JsonDialect DIALECT = JsonDialect.strict(Instants.FORMAT).trimmingText()
            .withNamesInAnyCase().withObjectsAsJsonText();

    private AzureJson() {
    }

    /** An object of a record or listing, for reads of hints; anything but an object reads as an empty one. */
    public static RecordFields fields(JsonNode object) {
        return DIALECT.fields(object, "");
    }
}
