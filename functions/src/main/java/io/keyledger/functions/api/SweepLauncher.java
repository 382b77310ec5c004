package io.keyledger.functions.api;

/**
 * Starts a sweep: the local server runs one in the background, each cloud sends a message to its sweep
 * function. The admin API only asks for it and answers 202 with the id.
 */
@FunctionalInterface
public interface SweepLauncher {

    /**
     * Starts a sweep of every scope of the tenant and returns at once. The sweep's reports are kept under
     * the returned id as its scopes finish ({@code GET /sweeps/{id}}).
     *
     * @param requestedBy the caller's principal id, for the sweep's own records
     * @return the sweep id: 1 to 128 letters, digits, '.', '_', ':' or '-'
     * @throws IllegalStateException when no sweep can start now (one is still running, say); the API
     *                               answers 409 with the exception's message
     */
    String start(String tenant, String requestedBy);
}
