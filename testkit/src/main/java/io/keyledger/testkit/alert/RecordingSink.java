package io.keyledger.testkit.alert;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertSink;
import java.util.List;

/** An alert sink that keeps every alert it is sent in {@code sent}: a synchronised list where many threads send. */
public record RecordingSink(List<Alert> sent) implements AlertSink {

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void send(Alert alert) {
        sent.add(alert);
    }
}
