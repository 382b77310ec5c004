package io.keyledger.archfixture.testkit;

import io.keyledger.archfixture.aws.AwsAdapter;
import io.keyledger.archfixture.core.CleanCore;

/** Fixture: a test double that uses the core, as it may, and an adapter, as it may not. */
public class StoreDouble {

    public CleanCore core;
    public AwsAdapter adapter;
}
