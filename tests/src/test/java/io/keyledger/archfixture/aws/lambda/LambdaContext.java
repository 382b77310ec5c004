package io.keyledger.archfixture.aws.lambda;

import java.time.Clock;

/** Fixture: a composition root that creates a system clock of its own instead of taking the assembly's. */
public final class LambdaContext {

    private LambdaContext() {
    }

    public static Clock clock() {
        return Clock.systemDefaultZone();
    }
}
