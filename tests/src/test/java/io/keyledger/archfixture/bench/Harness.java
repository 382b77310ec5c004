package io.keyledger.archfixture.bench;

import io.keyledger.archfixture.core.CleanCore;
import io.keyledger.archfixture.local.LocalStore;

/** Fixture: a benchmark harness, outermost: it may use every module, the local one included. */
public class Harness {

    public CleanCore core;
    public LocalStore store;
}
