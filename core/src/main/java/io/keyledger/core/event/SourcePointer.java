package io.keyledger.core.event;

import java.util.Objects;

/**
 * Where an event came from, so an auditor can go back to the raw record.
 *
 * @param kind     the channel: "file", "cloudtrail", "eventbridge", "azure-audit", "gcp-audit", "api", "sweep"
 * @param location the place within it: a file and line, a log object key, a sweep id, a request id
 * @param operation the provider's native operation name ("DisableKey", "KeyUpdate", "DestroyCryptoKeyVersion")
 */
public record SourcePointer(String kind, String location, String operation) {

    public SourcePointer {
        Objects.requireNonNull(kind, "kind");
        location = location == null ? "" : location;
        operation = operation == null ? "" : operation;
    }

    @Override
    public String toString() {
        return kind + ":" + location + (operation.isEmpty() ? "" : " (" + operation + ")");
    }
}
