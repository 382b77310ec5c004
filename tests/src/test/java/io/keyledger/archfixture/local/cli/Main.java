package io.keyledger.archfixture.local.cli;

import io.keyledger.archfixture.core.assembly.CoreServices;
import java.time.Clock;

/** Fixture: the CLI entry point, a composition root that takes the one system clock from the assembly. */
public final class Main {

    private Main() {
    }

    public static Clock clock() {
        return CoreServices.systemClock();
    }
}
