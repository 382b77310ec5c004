package io.keyledger.archfixture.bench;

import io.keyledger.archfixture.core.CleanCore;
import io.keyledger.archfixture.local.LocalStore;
import io.keyledger.archfixture.testkit.StoreDouble;

/** Fixture: a benchmark harness, outermost: it may use every module, the local one and the testkit included. */
public class Harness {

    public CleanCore core;
    public LocalStore store;
    public StoreDouble testDouble;
}
