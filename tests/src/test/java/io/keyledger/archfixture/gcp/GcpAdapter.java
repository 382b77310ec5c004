package io.keyledger.archfixture.gcp;

import java.time.Instant;
import java.util.function.Supplier;

/** Fixture: an adapter that reads the system clock through a method reference. */
public class GcpAdapter {

    public Supplier<Instant> now = Instant::now;
}
