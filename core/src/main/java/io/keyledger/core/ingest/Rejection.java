package io.keyledger.core.ingest;

/**
 * An event that could not be applied.
 *
 * @param index   its position in the batch (0-based)
 * @param eventId its event id, or empty if unknown
 * @param reason  what is wrong, naming the field where there is one
 */
public record Rejection(int index, String eventId, String reason) {
}
