package io.keyledger.archfixture.core.assembly;

import java.time.Clock;

/** Fixture: the assembly of the core services, whose factory is the one place allowed to create the system clock. */
public final class CoreServices {

    private CoreServices() {
    }

    public static Clock systemClock() {
        return Clock.systemUTC();
    }
}
