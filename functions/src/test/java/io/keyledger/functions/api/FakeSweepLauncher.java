package io.keyledger.functions.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the sweeps asked for and names them sweep-1, sweep-2, ...; refuses when busy. */
final class FakeSweepLauncher implements SweepLauncher {

    record Started(String tenant, String requestedBy, String sweepId) {
    }

    final List<Started> started = new CopyOnWriteArrayList<>();
    volatile boolean busy;

    @Override
    public String start(String tenant, String requestedBy) {
        if (busy) {
            throw new IllegalStateException("a sweep of tenant " + tenant + " is still running");
        }
        String id = "sweep-" + (started.size() + 1);
        started.add(new Started(tenant, requestedBy, id));
        return id;
    }
}
