package io.keyledger.azure.format;

/**
 * One row of the mapping table in docs/providers/azure.md, as the code holds it.
 *
 * @param input     the channel ("AuditEvent", "Event Grid", "Activity Log")
 * @param operation the native operation or event type (a trailing {@code *} stands for any name so starting)
 * @param outcome   the action, or "Ignored"
 * @param effect    state, native state and attributes, or why the record is ignored
 */
public record MappingRow(String input, String operation, String outcome, String effect) {
}
