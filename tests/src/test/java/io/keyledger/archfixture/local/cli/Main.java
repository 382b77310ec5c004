package io.keyledger.archfixture.local.cli;

import java.time.Clock;

/** Fixture: the CLI entry point, the one place allowed to create the system clock. */
public final class Main {

    private Main() {
    }

    public static Clock systemClock() {
        return Clock.systemUTC();
    }
}
