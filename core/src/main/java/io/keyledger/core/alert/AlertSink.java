package io.keyledger.core.alert;

import java.io.IOException;

/** Where raised alerts go beside the store: a log, a file, a webhook. */
public interface AlertSink {

    /** A short name for failure counts and logs ("log", "jsonl:/path", "webhook:https://..."). */
    String name();

    /** Delivers one alert, or throws; a sink's failure is the dispatcher's to record, never ingest's. */
    void send(Alert alert) throws IOException;
}
