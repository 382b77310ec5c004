package io.keyledger.core.ingest;

import io.keyledger.core.event.KeyEvent;

/**
 * Observes ingest without taking part in it: progress output, metrics, logs. Every method has a no-op
 * default, and {@link #NONE} ignores everything.
 */
public interface IngestListener {

    IngestListener NONE = new IngestListener() {
    };

    default void applied(String tenant, KeyEvent event, boolean stateChanged) {
    }

    default void duplicate(String tenant, KeyEvent event) {
    }

    default void rejected(Rejection rejection) {
    }
}
