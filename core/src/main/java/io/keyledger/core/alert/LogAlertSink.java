package io.keyledger.core.alert;

import io.keyledger.core.json.Json;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Writes each alert as one line of JSON to a {@link System.Logger} (WARNING; ERROR for CRITICAL). */
public final class LogAlertSink implements AlertSink {

    private final Logger logger;

    public LogAlertSink(Logger logger) {
        this.logger = logger;
    }

    public LogAlertSink() {
        this(System.getLogger("io.keyledger.alerts"));
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(Alert alert) {
        logger.log(alert.severity() == Severity.CRITICAL ? Level.ERROR : Level.WARNING, Json.write(alert));
    }
}
