package io.keyledger.archfixture.core;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

/** Fixture: a core class that keeps every rule (time comes from an injected Clock). */
public class CleanCore {

    private final Clock clock;

    public CleanCore(Clock clock) {
        this.clock = clock;
    }

    public Instant stamp() {
        return clock.instant();
    }

    public LocalDateTime localStamp() {
        return LocalDateTime.now(clock);
    }
}
